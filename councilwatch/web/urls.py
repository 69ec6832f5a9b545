from django.urls import path

from councilwatch.web import views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("councils/", views.council_list, name="council_list"),
    path("councils/<str:code>/", views.council_detail, name="council"),
]
