import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "resultat.config.settings")
application = get_wsgi_application()


def _freeze_what_was_loaded() -> None:
    """Load the URL configuration (every view module) now and move everything loaded so
    far out of the garbage collector's sight (gc.freeze): modules, classes, settings and
    URL patterns live as long as the worker, but every full collection used to scan
    them again, about 60 ms of CPU for the 117 000 objects, during which no thread of
    the worker runs (the interpreter lock). A worker serves its editors' autosaves on
    four threads, so such a pause delayed up to four requests at once (docs/benchmarks.md,
    "Where the autosave's tail came from"). Objects made by requests are collected as
    before."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - imports the views
    gc.collect()
    gc.freeze()


_freeze_what_was_loaded()
