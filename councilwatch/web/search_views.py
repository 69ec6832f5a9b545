"""The search page: a GET form, ranked results with highlighted snippets, filters and pagination."""

from django import forms
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render

from councilwatch.councils.models import Committee, Council
from councilwatch.documents.models import DocumentKind
from councilwatch.search.models import EntryKind, SearchEntry
from councilwatch.search.query import RankedPages, SearchFilters, highlight
from councilwatch.summaries.models import Topic
from councilwatch.web.cache import cached_page

PAGE_SIZE = 20


class SearchForm(forms.Form):
    q = forms.CharField(label="Search for", max_length=200, required=False)
    council = forms.ChoiceField(label="Council", required=False)
    committee = forms.TypedChoiceField(label="Committee", required=False, coerce=int, empty_value=None)
    topic = forms.ChoiceField(label="Topic", required=False)
    kind = forms.ChoiceField(label="Show", required=False, choices=[("", "Everything"), *EntryKind.choices])
    document_kind = forms.ChoiceField(
        label="Document kind", required=False, choices=[("", "Any kind"), *DocumentKind.choices]
    )
    date_from = forms.DateField(label="From", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label="To", required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, data: QueryDict | None = None) -> None:
        if data is not None and data.get("council"):
            data = data.copy()
            data["council"] = data["council"].upper()
        super().__init__(data)
        self.fields["topic"].choices = [("", "Any topic"), *Topic.objects.values_list("slug", "name")]
        self.fields["council"].choices = [("", "Any council"), *Council.objects.values_list("code", "name")]
        # Committees are offered once a council is chosen (the form works without JavaScript).
        code = str(self.data.get("council") or "").upper()
        committees = Committee.objects.filter(council__code=code).values_list("pk", "name") if code else []
        self.fields["committee"].choices = [("", "Any committee"), *committees]

    def filters(self) -> SearchFilters:
        data = self.cleaned_data
        return SearchFilters(
            council=data.get("council") or "",
            committee=data.get("committee"),
            topic=data.get("topic") or "",
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            document_kind=data.get("document_kind") or "",
            kind=data.get("kind") or "",
        )


@cached_page()
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    page = None
    if form.is_valid() and form.cleaned_data["q"]:
        filters = form.filters()
        # Only what a result shows, for the page shown: the long body (document page text) stays in the
        # database, and the council is joined once (an entry's meeting belongs to the entry's council).
        results = RankedPages(
            SearchEntry.objects.search(form.cleaned_data["q"], filters),
            related=("council", "meeting__committee"),
            deferred=("body", "vector"),
        )
        page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
        for entry in page.object_list:
            entry.snippet = highlight(entry.snippet_raw)
            if entry.meeting is not None and entry.meeting.council_id == entry.council_id:
                entry.meeting.council = entry.council
    query_without_page = request.GET.copy()
    query_without_page.pop("page", None)
    return render(
        request,
        "web/search.html",
        {"form": form, "page": page, "base_query": query_without_page.urlencode()},
    )
