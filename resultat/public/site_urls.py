from django.urls import path

from resultat.public import views

app_name = "site"

urlpatterns = [
    path("prioriteringar/<str:code>/", views.priority, name="priority"),
    path("delprioriteringar/<str:code>/", views.subpriority, name="subpriority"),
    path("omraden/", views.area_list, name="areas"),
    path("omraden/<slug:code>/", views.area, name="area"),
    path("kommuner/", views.municipality_list, name="municipalities"),
    path("kommuner/<str:code>/", views.municipality, name="municipality"),
    path("globala-malen/", views.sdg_list, name="sdg_goals"),
    path("globala-malen/<int:number>/", views.sdg_goal, name="sdg_goal"),
    path("tillganglighet/", views.accessibility, name="accessibility"),
    path("tillganglighet/tack/", views.accessibility_thanks, name="accessibility_thanks"),
]
