"""API tokens in the admin: an administrator creates a token for a user or a system user of its
own municipality, sees the whole token once on the page that answers the creation, and revokes
tokens. Tokens are never edited or deleted: a revoked token stays as the record of what was."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from rehabplan.api.models import ApiToken
from rehabplan.api.tokens import (
    DEFAULT_LIFETIME,
    api_token_create,
    api_token_revoke,
    token_request_check,
)
from rehabplan.web.admin.scoped import MunicipalityScopedAdmin

_PLAIN_TEXT = "_rehabplan_api_token_plain_text"


class ApiTokenCreateForm(forms.ModelForm):
    class Meta:
        model = ApiToken
        fields = ("user", "name", "expires_at")
        labels = {"user": _("Bruger"), "name": _("Formål"), "expires_at": _("Udløber")}
        help_texts = {
            "name": _("Hvad nøglen bruges til, fx »Omsorgssystemets overførsel af henvisninger«."),
            "expires_at": _("Højst et år frem."),
        }

    def __init__(self, *args: Any, created_by: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.created_by = created_by
        if not self.is_bound:
            self.initial.setdefault("expires_at", timezone.now() + DEFAULT_LIFETIME)

    def clean(self) -> dict[str, Any]:
        cleaned_data = super().clean()
        user, expires_at = cleaned_data.get("user"), cleaned_data.get("expires_at")
        if user is not None and expires_at is not None and self.created_by is not None:
            try:
                token_request_check(
                    created_by=self.created_by, user=user, expires_at=expires_at, now=timezone.now()
                )
            except (ValidationError, PermissionDenied) as refused:
                raise ValidationError(str(refused.args[0])) from None
        return cleaned_data


@admin.register(ApiToken)
class ApiTokenAdmin(MunicipalityScopedAdmin):
    form = ApiTokenCreateForm
    list_display = ("name", "user", "prefix", "created_at", "expires_at", "state", "last_used_at")
    list_filter = ("user",)
    search_fields = ("name", "prefix", "user__username", "user__first_name", "user__last_name")
    actions = ("revoke_selected",)
    readonly_fields = (
        "user",
        "name",
        "prefix",
        "created_at",
        "created_by",
        "expires_at",
        "revoked_at",
        "last_used_at",
    )

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return () if obj is None else self.readonly_fields

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return ApiTokenCreateForm.Meta.fields if obj is None else self.readonly_fields

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # The change page shows the token; nothing on it can be edited.
        return super().has_view_permission(request, obj) if obj is not None else False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_actions(self, request: HttpRequest) -> Any:
        actions = super().get_actions(request)
        if not request.user.has_perm("api.change_apitoken"):
            actions.pop("revoke_selected", None)
        return actions

    def formfield_for_foreignkey(
        self, db_field: models.ForeignKey, request: HttpRequest, **kwargs: Any
    ) -> Any:
        formfield = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "user" and formfield is not None:
            formfield.queryset = formfield.queryset.filter(is_active=True).order_by("username")
        return formfield

    @admin.display(description=_("Tilstand"))
    def state(self, token: ApiToken) -> str:
        if token.revoked_at is not None:
            return str(_("Tilbagekaldt"))
        if token.expires_at <= timezone.now():
            return str(_("Udløbet"))
        return str(_("Gyldig"))

    def save_model(self, request: HttpRequest, obj: ApiToken, form: Any, change: bool) -> None:
        if change:
            raise PermissionDenied
        created = api_token_create(
            created_by=request.user,
            user=form.cleaned_data["user"],
            name=form.cleaned_data["name"],
            expires_at=form.cleaned_data["expires_at"],
        )
        obj.pk = created.token.pk
        obj.__dict__.update(
            {field.attname: getattr(created.token, field.attname) for field in obj._meta.fields}
        )
        setattr(request, _PLAIN_TEXT, created.plain_text)

    def log_addition(self, request: HttpRequest, obj: models.Model, message: Any) -> Any:
        # The service wrote the audit row; keep only Django's own admin history entry.
        return admin.ModelAdmin.log_addition(self, request, obj, message)

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        form_class = super().get_form(request, obj, change=change, **kwargs)

        class WithCreator(form_class):  # type: ignore[misc, valid-type]
            def __init__(self, *args: Any, **form_kwargs: Any) -> None:
                super().__init__(*args, created_by=request.user, **form_kwargs)

        return WithCreator

    def response_add(self, request: HttpRequest, obj: ApiToken, post_url_continue: Any = None):
        # The whole token is shown on this page only, never stored and never redirected with.
        return TemplateResponse(
            request,
            "admin/api/apitoken/created.html",
            {
                **self.admin_site.each_context(request),
                "title": _("API-nøgle oprettet"),
                "token": obj,
                "plain_text": getattr(request, _PLAIN_TEXT),
                "opts": self.model._meta,
            },
        )

    @admin.action(description=_("Tilbagekald valgte API-nøgler"))
    def revoke_selected(self, request: HttpRequest, queryset: Any) -> HttpResponse | None:
        count = 0
        for token in queryset:
            api_token_revoke(user=request.user, token=token)
            count += 1
        self.message_user(
            request,
            ngettext("%(count)d nøgle tilbagekaldt.", "%(count)d nøgler tilbagekaldt.", count)
            % {"count": count},
            messages.SUCCESS,
        )
        return None
