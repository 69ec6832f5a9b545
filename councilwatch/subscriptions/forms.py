"""Forms: subscribe (with a honeypot), preferences and alerts."""

from django import forms

from councilwatch.councils.models import Council
from councilwatch.subscriptions.models import AlertFrequency, Frequency
from councilwatch.summaries.models import Topic

HONEYPOT_FIELD = "website"


class SubscribeForm(forms.Form):
    email = forms.EmailField(label="Your email address", max_length=254)
    councils = forms.CharField(widget=forms.HiddenInput, help_text="Council codes, comma-separated.")
    # Hidden from people by CSS; bots that fill every field fill this one.
    website = forms.CharField(required=False, label="Leave this empty")

    def clean_councils(self) -> list[str]:
        codes = sorted({c.strip().upper() for c in self.cleaned_data["councils"].split(",") if c.strip()})
        known = set(Council.objects.filter(code__in=codes).values_list("code", flat=True))
        unknown = [c for c in codes if c not in known]
        if not codes or unknown:
            raise forms.ValidationError(f"unknown council code: {', '.join(unknown) or '(none given)'}")
        return codes


class CouncilChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Council) -> str:
        return obj.name


class PreferencesForm(forms.Form):
    councils = CouncilChoiceField(
        queryset=Council.objects.order_by("name"), required=False, widget=forms.SelectMultiple(attrs={"size": 12})
    )
    frequency = forms.ChoiceField(choices=Frequency.choices, widget=forms.RadioSelect)


class AlertForm(forms.Form):
    name = forms.CharField(max_length=200)
    keywords = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 3}), help_text="One phrase per line, e.g. battery storage."
    )
    topics = forms.ModelMultipleChoiceField(queryset=Topic.objects.order_by("name"), required=False)
    councils = CouncilChoiceField(
        queryset=Council.objects.order_by("name"), required=False, help_text="None chosen: every council."
    )
    frequency = forms.ChoiceField(choices=AlertFrequency.choices, initial=AlertFrequency.DAILY)

    def clean_keywords(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["keywords"].splitlines() if line.strip()]

    def clean(self) -> dict:
        data = super().clean()
        if not data.get("keywords") and not data.get("topics"):
            raise forms.ValidationError("give at least one keyword or topic")
        return data
