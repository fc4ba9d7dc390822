"""Audit events sent by signals: logins and logouts, lockouts, and every change to what a
person may do (roles, staff flags, permissions, memberships of places and wijkteams).

Publish, revert, export and erasure are recorded where they happen (see ontmoeting/audit.py).
"""

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver

from places.accounts import audit
from places.models import Membership, Place, Wijkteam

User = get_user_model()
# Changing these changes what an account may do.
ACCOUNT_FLAGS = ("is_active", "is_staff", "is_superuser")


@receiver(user_logged_in)
def logged_in(sender, request, user, **kwargs):
    audit.record("login", user, request=request, actor=user)


@receiver(user_logged_out)
def logged_out(sender, request, user, **kwargs):
    audit.record("logout", user, request=request, actor=user)


def typed_account(username):
    """The account a login attempt named, if it exists. What was typed is never logged: a
    password typed into the username box must not end up in the log."""
    if not username:
        return None
    return User.objects.filter(**{User.USERNAME_FIELD: username}).first()


def attempt(request):
    """(action, actor) of a password check: a login is tried by nobody known yet (the account
    it names is its object); a logged-in person confirming their password is the actor."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return "password.confirm", audit.account(user)
    return "login", "anonymous"


@receiver(user_login_failed)
def login_failed(sender, credentials, request=None, **kwargs):
    action, actor = attempt(request)
    user = typed_account(credentials.get("username"))
    audit.record(action, user, request=request, actor=actor, result="failed")


@receiver(user_locked_out)
def locked_out(sender, request, username, ip_address, **kwargs):
    action, actor = attempt(request)
    audit.record(action, typed_account(username), request=request, actor=actor, result="locked")


@receiver(pre_save, sender=User)
def remember_flags(sender, instance, update_fields=None, raw=False, **kwargs):
    if raw or instance.pk is None:
        return
    if update_fields is not None and not set(update_fields) & set(ACCOUNT_FLAGS):
        return  # a login saves last_login only
    before = User.objects.filter(pk=instance.pk).values(*ACCOUNT_FLAGS).first()
    instance._flags_before = before


@receiver(post_save, sender=User)
def account_saved(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    if created:
        flags = {flag: getattr(instance, flag) for flag in ACCOUNT_FLAGS}
        audit.record("account.create", instance, **flags)
        return
    before = getattr(instance, "_flags_before", None)
    if before is None:
        return
    changed = {
        flag: getattr(instance, flag)
        for flag in ACCOUNT_FLAGS
        if before[flag] != getattr(instance, flag)
    }
    if changed:
        audit.record("permission.flags", instance, **changed)
    del instance._flags_before


@receiver(post_delete, sender=User)
def account_deleted(sender, instance, **kwargs):
    audit.record("account.delete", instance)


def related_change(action, kind, instance, model, pk_set, reverse):
    """One event per object whose rights changed, naming the other side by identifier."""
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    change = action.removeprefix("post_")
    if reverse:  # e.g. group.user_set.add(user): the objects are the other side
        for pk in pk_set or ():
            audit.record(kind, model(pk=pk), change=change, **{related_key(instance): instance.pk})
        if action == "post_clear":
            audit.record(kind, instance, change=change)
        return
    audit.record(kind, instance, change=change, **{related_key(model): sorted(pk_set or ())})


def related_key(model_or_instance):
    return model_or_instance._meta.model_name


@receiver(m2m_changed, sender=User.groups.through)
def groups_changed(sender, instance, action, model, pk_set, reverse, **kwargs):
    related_change(action, "permission.groups", instance, model, pk_set, reverse)


@receiver(m2m_changed, sender=User.user_permissions.through)
@receiver(m2m_changed, sender=Group.permissions.through)
def permissions_changed(sender, instance, action, model, pk_set, reverse, **kwargs):
    related_change(action, "permission.permissions", instance, model, pk_set, reverse)


@receiver(m2m_changed, sender=Wijkteam.members.through)
def wijkteam_changed(sender, instance, action, model, pk_set, reverse, **kwargs):
    related_change(action, "permission.wijkteam", instance, model, pk_set, reverse)


# A place's publication and status are editors' decisions: each change is logged, whatever
# path it takes (the publish button, the edit form, the admin, an undo, a merge).
PLACE_DECISIONS = ("is_published", "status")


@receiver(pre_save, sender=Place)
def remember_decisions(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        return
    instance._decisions_before = (
        Place.objects.filter(pk=instance.pk).values(*PLACE_DECISIONS).first()
    )


@receiver(post_save, sender=Place)
def decisions_saved(sender, instance, created, raw=False, **kwargs):
    before = getattr(instance, "_decisions_before", None)
    if raw or created or before is None:
        return
    del instance._decisions_before
    if before["is_published"] != instance.is_published:
        audit.record("place.publish" if instance.is_published else "place.unpublish", instance)
    if before["status"] != instance.status:
        audit.record("place.status", instance, status=instance.status, before=before["status"])


@receiver(post_save, sender=Membership)
def membership_granted(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        audit.record("membership.grant", Place(pk=instance.place_id), user=instance.user_id)


@receiver(post_delete, sender=Membership)
def membership_revoked(sender, instance, **kwargs):
    audit.record("membership.revoke", Place(pk=instance.place_id), user=instance.user_id)
