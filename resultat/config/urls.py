from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from resultat.followup.urls import public_urlpatterns as public_followup_urls
from resultat.public import views as public_views

admin.site.site_header = "Resultat – administration"
admin.site.site_title = "Resultat"

urlpatterns = [
    path("", public_views.home, name="home"),
    path("strategi/", include("resultat.strategy.urls")),
    path("uppfoljning/", include("resultat.followup.urls")),
    path("resultat/", include((public_followup_urls, "results"))),
    path("konto/", include("resultat.accounts.urls")),
    path("sprak/", set_language, name="set_language"),
    path("om/", include("resultat.public.urls")),
    path("admin/", admin.site.urls),
]
