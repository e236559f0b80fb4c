"""Forms of the exchange pages: sitrep, export, import. They parse and check input only."""

from __future__ import annotations

from django import forms

from sitroom.exchange.export import FORMATS
from sitroom.exchange.imports import IMPORTABLE
from sitroom.exchange.kinds import KINDS


class SitrepForm(forms.Form):
    date_from = forms.DateField(label="From", widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label="To", widget=forms.DateInput(attrs={"type": "date"}))
    place = forms.CharField(label="Place", required=False, help_text="A place key or name; places under it are included")
    as_of = forms.DateTimeField(label="As reported on", required=False,
                                help_text="Optional: the records as they stood at this moment (YYYY-MM-DD HH:MM)")

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", "The period ends before it starts.")
        return data


class ExportForm(forms.Form):
    kind = forms.ChoiceField(label="Records", choices=[(k, k.replace("-", " ")) for k in KINDS])
    format = forms.ChoiceField(label="Format", choices=[(f, f.upper()) for f in FORMATS],
                               help_text="CSV carries an HXL hashtag row under the header")
    date_from = forms.DateField(label="From", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label="To", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    place = forms.CharField(label="Place", required=False)
    as_of = forms.DateTimeField(label="As reported on", required=False)


class ImportForm(forms.Form):
    kind = forms.ChoiceField(label="Records", choices=[(k, k) for k in IMPORTABLE])
    file = forms.FileField(label="File", help_text="CSV or XLSX with a header row; an HXL hashtag row under it is fine")
    dry_run = forms.BooleanField(label="Dry run: check every row, write nothing", required=False, initial=True)
    skip_invalid = forms.BooleanField(label="Write the valid rows even if some rows are invalid", required=False)
