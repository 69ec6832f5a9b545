"""councilwatch create_api_key NAME EMAIL [--professional]: make a key and print its secret once."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.validators import validate_email

from councilwatch.api.models import create_api_key


class Command(BaseCommand):
    help = "Create an API key for the JSON API and print it (only its hash is stored)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name", help="What the key is for.")
        parser.add_argument("email", help="The owner's email address.")
        parser.add_argument(
            "--professional", action="store_true", help="A professional key: higher limit, may create keys."
        )

    def handle(self, *args, **options) -> None:
        try:
            validate_email(options["email"])
        except ValidationError as exc:
            raise CommandError(f"not an email address: {options['email']!r}") from exc
        key, raw = create_api_key(options["name"], options["email"], is_professional=options["professional"])
        self.stdout.write(raw)
        self.stderr.write(f"created key {key.prefix}… for {key.owner_email} ({key.limit_per_minute} requests/minute)")
