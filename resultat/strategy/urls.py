from django.urls import path

from resultat.strategy import views

app_name = "strategy"

urlpatterns = [
    path("", views.home, name="home"),
    path("<slug:strategy>/byt-version/", views.switch_version, name="switch"),
    path("<slug:strategy>/jamfor/", views.compare, name="compare"),
    path("<slug:strategy>/<slug:version>/", views.overview, name="overview"),
    path("<slug:strategy>/<slug:version>/agenda-2030/", views.sdg_index, name="sdg_index"),
    path("<slug:strategy>/<slug:version>/agenda-2030/<int:number>/", views.sdg_goal, name="sdg_goal"),
    path("<slug:strategy>/<slug:version>/prioritering/<str:code>/", views.priority, name="priority"),
    path("<slug:strategy>/<slug:version>/delprioritering/<str:code>/", views.subpriority, name="subpriority"),
]
