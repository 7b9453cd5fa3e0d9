"""The project's URLs plus one view nobody has put in the access table (for a test)."""

from django.http import HttpResponse
from django.urls import include, path

urlpatterns = [
    path("", include("resultat.config.urls")),
    path("ny-vy/", lambda request: HttpResponse("hej"), name="new_view_without_entry"),
]
