"""The hooks the public site serves: other apps add to its pages from their
integrations.py (by name, without importing the public app; docs/public-site.md).
Declared when the app is ready, so the system check knows they are served."""

from resultat.infrastructure.hooks import serve

HEADLINE_PROVIDERS = serve("public.headline_indicators", "callable() -> [headline indicator dicts] for the start page")
SUBPRIORITY_SECTIONS = serve("public.subpriority_sections", "callable(sub-priority) -> {'template', ...} or None")
MUNICIPALITY_SECTIONS = serve("public.municipality_sections", "callable(municipality Area) -> {'title', 'template', ...} or None")
