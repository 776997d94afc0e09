"""The team's pages of the round, mounted at /inspections/<reference>/factual-accuracy/."""

from django.urls import path

from accuracy.views import team

app_name = "accuracy"

urlpatterns = [
    path("", team.overview, name="overview"),
    path("send/", team.send, name="send"),
    path("close/", team.close, name="close"),
    path("links/<int:pk>/revoke/", team.link_revoke, name="link_revoke"),
    path("links/<int:pk>/reissue/", team.link_reissue, name="link_reissue"),
    path("comments/<int:pk>/", team.comment, name="comment"),
    path("rounds/<int:pk>/response.pdf", team.response_pdf, name="response_pdf"),
]
