import secrets
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from places import roles
from places.models import Area, Membership, Place, Wijkteam

# username, role (group) or "admin", staff
DEMO_ACCOUNTS = [
    ("admin", "admin", True),
    ("redacteur", roles.EDITORS, True),
    ("beleid", roles.POLICY, False),
    ("wijkteam", roles.WIJKTEAM, False),
    ("initiatiefnemer", roles.INITIATORS, False),
]
DEMO_WIJK = "WK0363ED"  # De Kolenkit, Amsterdam Bos en Lommer
DEMO_PLACE = "De Boeg"


class Command(BaseCommand):
    help = "Create one demo account per role; passwords are printed once, when created."

    def add_arguments(self, parser):
        parser.add_argument("--password-file", help="also append new passwords to this file")

    @transaction.atomic
    def handle(self, password_file=None, **options):
        groups = roles.ensure_groups()
        created, users = [], {}
        for username, role, staff in DEMO_ACCOUNTS:
            user, is_new = get_user_model().objects.get_or_create(
                username=username,
                defaults={
                    "is_staff": staff,
                    "is_superuser": role == "admin",
                    "email": f"{username}@ontmoeting.invalid",
                },
            )
            users[username] = user
            if not is_new:
                continue
            password = secrets.token_urlsafe(12)
            user.set_password(password)
            user.save()
            if role in groups:
                user.groups.add(groups[role])
            created.append(f"  {username:<16} {password:<18} {role}")
        self.link_demo_roles(users)
        self.report(created, password_file)

    def link_demo_roles(self, users):
        """The initiator runs a real place; the wijkteam works in a real wijk."""
        place = Place.objects.filter(name=DEMO_PLACE).first()
        if place:
            Membership.objects.get_or_create(user=users["initiatiefnemer"], place=place)
        wijk = Area.objects.filter(code=DEMO_WIJK).first()
        if wijk:
            team, _new = Wijkteam.objects.get_or_create(name=f"Wijkteam {wijk.name}")
            team.wijken.add(wijk)
            team.members.add(users["wijkteam"])

    def report(self, created, password_file):
        if not created:
            self.stdout.write(
                "Demo accounts exist already (passwords were shown when created"
                + (f"; see {password_file})." if password_file else ").")
            )
            return
        lines = [
            "Demo accounts (user, password, role):",
            *created,
            "Two-step verification: admin and redacteur set up an authenticator app at their"
            " first login.",
        ]
        self.stdout.write("\n".join(lines))
        if password_file:
            path = Path(password_file)
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("a") as handle:
                handle.write("\n".join(lines) + "\n")
            path.chmod(0o600)
