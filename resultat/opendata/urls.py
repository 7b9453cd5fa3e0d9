from django.urls import path, re_path

from resultat.opendata import views

app_name = "opendata"

api_urlpatterns = [
    path("", views.api_docs, name="api_docs"),
    path("openapi.json", views.openapi, name="openapi"),
    path("<slug:name>/", views.resource_list, name="api_list"),
    path("<slug:name>/<str:ident>/", views.resource_detail, name="api_detail"),
]

urlpatterns = [
    path("", views.opendata_page, name="index"),
    path("datapackage.json", views.datapackage, name="datapackage"),
    path("katalog.jsonld", views.catalogue, name="catalogue"),
    re_path(r"^(?P<name>[a-z0-9-]+)\.(?P<fmt>csv|json)$", views.download, name="download"),
]
