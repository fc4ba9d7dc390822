"""Logging in from tests: editors and admins also pass two-step verification, as they must."""

import time

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from places import roles


def authenticator(user):
    """The person's authenticator app: a confirmed TOTP device, made if missing."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="Telefoon", confirmed=True)


def log_in(client, user):
    """A logged-in session; for editors and admins also past the code step."""
    client.force_login(user)
    if roles.needs_two_factor(user):
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = authenticator(user).persistent_id
        session.save()


def code_for(device):
    """The code the app shows now. A code works once: when this step's code was used
    already, the device's counter is set back, as if the next 30 seconds had passed (an
    app would show the next code then), instead of waiting for them."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    if device.last_t >= totp.t():
        TOTPDevice.objects.filter(pk=device.pk).update(last_t=totp.t() - 1)
    return f"{totp.token():0{device.digits}d}"
