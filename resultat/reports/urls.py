from django.urls import path

from resultat.reports import views

app_name = "reports"

urlpatterns = [
    path("<int:year>/", views.page, name="page"),
    path("<int:year>/<slug:fmt>/", views.download, name="download"),
    path("skillnader/<int:old>/<int:new>/", views.difference, name="diff"),
]
