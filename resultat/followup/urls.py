from django.urls import path

from resultat.followup import analyst_views, views, word_views

app_name = "followup"

urlpatterns = [
    path("", views.cycle_list, name="cycles"),
    path("mina-uppgifter/", views.my_tasks, name="my_tasks"),
    path("granskning/", views.review_queue, name="review_queue"),
    path("aviseringar/", views.notifications, name="notifications"),
    path("aviseringar/<int:pk>/", views.notification_open, name="notification_open"),
    path("word/", word_views.word_home, name="word"),
    path("word/ladda-upp/", word_views.word_upload, name="word_upload"),
    path("word/bekrafta/", word_views.word_confirm, name="word_confirm"),
    path("word/<int:year>/verksamhet/<slug:unit>/", word_views.word_download, name="word_download"),
    path("word/<int:year>/alla-verksamheter/", word_views.word_zip, name="word_zip"),
    path("<int:year>/", views.cycle_detail, name="cycle"),
    path("<int:year>/forsenat/", analyst_views.overdue, name="overdue"),
    path("<int:year>/forsenat/paminn/", analyst_views.remind_one, name="remind_one"),
    path("<int:year>/matris.xlsx", analyst_views.matrix_xlsx, name="matrix_xlsx"),
    path("<int:year>/forhandsvisning/", views.cycle_preview, name="cycle_preview"),
    path("<int:year>/<slug:action>/bekrafta/", views.cycle_confirm, name="cycle_confirm"),
    path("<int:year>/<slug:action>/", views.cycle_action, name="cycle_action"),
    path("bidrag/<int:pk>/", views.contribution, name="contribution"),
    path("bidrag/<int:pk>/spara/", views.contribution_save, name="contribution_save"),
    path("bidrag/<int:pk>/version/<int:number>/", views.revision, name="revision"),
    path("bidrag/<int:pk>/<slug:action>/", views.contribution_action, name="contribution_action"),
]

public_urlpatterns = [
    path("", views.public_index, name="public_index"),
    path("<int:year>/", views.public_cycle, name="public_cycle"),
    path("<int:year>/hela-aret/", views.public_cycle_all, name="public_cycle_all"),
    path("<int:year>/<slug:chapter>/", views.public_chapter, name="public_chapter"),
]
