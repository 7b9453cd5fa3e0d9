from django.urls import path

from resultat.initiatives import views

app_name = "initiatives"

urlpatterns = [
    path("", views.initiative_list, name="list"),
    path("ny/", views.initiative_edit, name="create"),
    path("import/", views.import_upload, name="import"),
    path("import/mall.xlsx", views.import_template, name="import_template"),
    path("import/<int:pk>/", views.import_preview, name="import_preview"),
    path("import/<int:pk>/bekrafta/", views.import_confirm, name="import_confirm"),
    path("sammanstallning/", views.compilation, name="compilation"),
    path("sammanstallning/<int:year>/", views.compilation, name="compilation_year"),
    path("sammanstallning/<int:year>.<str:fmt>", views.compilation_download, name="compilation_download"),
    path("agenda-2030/", views.impact_matrix, name="matrix"),
    path("<slug:code>/", views.initiative_detail, name="detail"),
    path("<slug:code>/redigera/", views.initiative_edit, name="edit"),
    path("<slug:code>/granska/", views.initiative_review, name="review"),
]
