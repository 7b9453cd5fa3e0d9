from django.urls import path

from resultat.reports import views

app_name = "reports"

urlpatterns = [
    path("<int:year>/", views.page, name="page"),
    # before the download pattern, which would take "texter" for a format
    path("<int:year>/profil.css", views.profile_css, name="profile_css"),
    path("<int:year>/texter/", views.texts, name="texts"),
    path("<int:year>/texter/<slug:code>/", views.text_edit, name="text_edit"),
    path("<int:year>/texter/<slug:code>/version/<int:number>/", views.text_revision, name="text_revision"),
    path("<int:year>/texter/<slug:code>/version/<int:number>/aterstall/", views.text_restore, name="text_restore"),
    path("<int:year>/<slug:fmt>/", views.download, name="download"),
    path("skillnader/<int:old>/<int:new>/", views.difference, name="diff"),
]
