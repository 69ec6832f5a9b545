from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from councilwatch.replay.faults import FaultSpecError, parse_rule, parse_rules
from councilwatch.replay.server import make_server


class Command(BaseCommand):
    help = (
        "Serve the recorded Kent County Council ModernGov site (data/replay/kent) on 127.0.0.1, "
        "optionally with injected faults. Control faults at runtime with POST/DELETE /_replay/faults."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
        parser.add_argument("--port", type=int, default=8765, help="port to listen on (default 8765; 0 picks one)")
        parser.add_argument(
            "--fault",
            action="append",
            default=[],
            metavar="PATTERN=KIND[:N]",
            help="inject a fault on requests whose path+query match the glob PATTERN (re:REGEX for a regular "
            "expression); KIND is timeout, disconnect, http500, http503, truncated, html_error, js_redirect, "
            "empty, slow or redirect_loop; N limits it to the first N requests. Repeatable; added to REPLAY_FAULTS.",
        )

        parser.add_argument(
            "--stage",
            choices=("published", "agenda"),
            default="published",
            help="'agenda' serves each meeting as it stood when its agenda was published (no minutes, attendees or "
            "later papers); 'published' (default) serves everything. Switch at runtime with POST /_replay/stage.",
        )

    def handle(self, *args, host: str, port: int, fault: list[str], stage: str, **options) -> None:
        try:
            rules = parse_rules(settings.REPLAY_FAULTS) + [parse_rule(spec) for spec in fault]
        except FaultSpecError as exc:
            raise CommandError(str(exc)) from exc
        try:
            server = make_server(
                host,
                port,
                rules,
                timeout_seconds=settings.REPLAY_TIMEOUT_SECONDS,
                slow_seconds=settings.REPLAY_SLOW_SECONDS,
                stage=stage,
            )
        except OSError as exc:
            raise CommandError(f"cannot listen on {host}:{port}: {exc}") from exc
        self.stdout.write(
            f"replaying Kent County Council on {server.base_url}/ (stage {stage}, {len(rules)} fault rules; Ctrl-C stops)"
        )
        for rule in rules:
            self.stdout.write(
                f"  fault: {rule.pattern} -> {rule.kind}" + (f" (first {rule.times})" if rule.times else "")
            )
        self.stdout.flush()
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()
        self.stdout.write(f"served {len(server.log.all())} requests")
