from django.urls import path

from resultat.indicators import views

app_name = "indicators"

urlpatterns = [
    path("", views.index, name="index"),
    path("strategi/<slug:strategy>/<str:code>/", views.element, name="element"),
    path("agenda-2030/<int:number>/", views.sdg, name="sdg"),
    path("hamtning/", views.sync_jobs, name="sync_jobs"),
    path("hamtning/<int:pk>/", views.sync_job, name="sync_job"),
    path("opensdg/", views.opensdg_index, name="opensdg_index"),
    path("opensdg/meta/<str:filename>", views.opensdg_meta, name="opensdg_meta"),
    path("opensdg/<str:filename>", views.opensdg_file, name="opensdg_file"),
    path("<str:source>/<str:external_id>/", views.detail, name="detail"),
    path("<str:source>/<str:external_id>/data.csv", views.download_csv, name="csv"),
    path("<str:source>/<str:external_id>/<str:kind>.<str:fmt>", views.chart_file, name="chart_file"),
    path("<str:source>/<str:external_id>/bedomning/", views.override, name="override"),
]
