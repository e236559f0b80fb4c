"""Forms of the web pages: they parse and check input; the services do the writing."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm


class LoginForm(AuthenticationForm):
    username = forms.CharField(label="User name", widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}))
    password = forms.CharField(label="Password", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))


SENSITIVITY_CHOICES = [("public", "Public"), ("partners", "Partners"), ("internal", "Internal")]


class SourceUploadForm(forms.Form):
    """A report to add: a file, or text pasted into the box (one of the two)."""

    file = forms.FileField(label="Report file", required=False, help_text="Plain text, Markdown or HTML; .json/.jsonl records with a text field.")
    text = forms.CharField(label="Or paste the report's text", required=False, widget=forms.Textarea(attrs={"rows": 12}))
    title = forms.CharField(label="Title", required=False, max_length=500)
    outlet = forms.CharField(label="Outlet", required=False, max_length=250, help_text="Who published it, e.g. a ministry, an agency, a newspaper.")
    published = forms.DateField(label="Published on", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    url = forms.URLField(label="Address (URL)", required=False, max_length=1000, assume_scheme="https")
    sensitivity = forms.ChoiceField(label="Who may see it", choices=SENSITIVITY_CHOICES, initial="partners")

    def clean(self):
        data = super().clean()
        upload, text = data.get("file"), (data.get("text") or "").strip()
        if upload and text:
            raise forms.ValidationError("Give either a file or pasted text, not both.")
        if not upload and not text:
            raise forms.ValidationError("Choose a report file or paste the report's text.")
        return data

    def payload(self) -> tuple[bytes, str, dict]:
        """(bytes, file name, metadata) for evidence.services.source_ingest."""
        data = self.cleaned_data
        if data.get("file"):
            upload = data["file"]
            raw, name = upload.read(), upload.name
        else:
            raw, name = data["text"].strip().encode("utf-8"), "pasted.txt"
        metadata = {k: data[k] for k in ("title", "outlet", "published", "url") if data.get(k)}
        return raw, name, metadata


class ClaimReviewForm(forms.Form):
    """Accept (with optional edits of value, indicator, date, place, qualifier) or reject a claim."""

    action = forms.ChoiceField(choices=[("accept", "Accept"), ("reject", "Reject"), ("reopen", "Reopen")])
    value = forms.FloatField(label="Value", required=False, min_value=0)
    indicator = forms.CharField(label="Indicator", required=False, max_length=60)
    date = forms.DateField(label="Date of the fact", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    place = forms.CharField(label="Place", required=False, max_length=200)
    qualifier = forms.CharField(label="Qualifier", required=False, max_length=20)
    note = forms.CharField(label="Note", required=False, max_length=2000)
    then = forms.ChoiceField(choices=[("stay", "stay"), ("next", "next")], required=False)

    def edits(self, claim) -> dict:
        """The fields the analyst changed, compared with what the claim states now."""
        data, current = self.cleaned_data, claim.effective_payload
        edits = {}
        if data.get("value") is not None and data["value"] != current.get("value"):
            edits["value"] = data["value"]
        if data.get("indicator") and data["indicator"] != current.get("indicator"):
            edits["indicator"] = data["indicator"]
        if data.get("date") and data["date"].isoformat() != (current.get("date_of_fact") or current.get("date")):
            edits["date"] = data["date"]
        if data.get("place") and data["place"] != (current.get("place") or ""):
            edits["place"] = data["place"]
        if data.get("qualifier") is not None and data["qualifier"] != (current.get("qualifier") or "") and "qualifier" in self.data:
            edits["qualifier"] = data["qualifier"]
        return edits
