"""The area contacts' pages, mounted at /factual-accuracy/: reached only through a signed link."""

from django.urls import path

from accuracy.views import contact

app_name = "accuracy_contact"

urlpatterns = [
    path("<str:token>/", contact.draft, name="draft"),
    path("<str:token>/no-comments/", contact.no_comments, name="no_comments"),
    path("<str:token>/draft-v<int:number>.pdf", contact.draft_pdf, name="draft_pdf"),
    path("<str:token>/response.pdf", contact.response_pdf, name="response_pdf"),
]
