"""`manage.py import_tax_roll FILE [--dry-run]`: import the institution's tax roll export, all or nothing."""

from django.core.management.base import BaseCommand, CommandError

from payments import taxroll


class Command(BaseCommand):
    help = "Import the tax roll from the institution's CSV export. A file with any wrong row imports nothing."

    def add_arguments(self, parser):
        parser.add_argument("file", help="The CSV file (UTF-8 or Windows-1250, ';' or ',' separated).")
        parser.add_argument("--dry-run", action="store_true", help="Check the file and count, import nothing.")

    def handle(self, *args, **options):
        try:
            handle = open(options["file"], "rb")  # noqa: SIM115 (closed below)
        except OSError as error:
            raise CommandError(str(error)) from None
        with handle:
            result = taxroll.import_roll(handle, dry_run=options["dry_run"])
        if result.decoded_as_cp1250:
            self.stdout.write("The file is not UTF-8: it was read as Windows-1250.")
        if not result.ok:
            for error in result.errors:
                self.stderr.write(f"line {error.line}: {error.message}")
            if result.errors_left_out:
                self.stderr.write(f"… and {result.errors_left_out} more errors.")
            self.stderr.write(f"{result.error_count} errors: nothing was imported.")
            raise SystemExit(1)
        counts = result.counts()
        self.stdout.write(
            f"Rows: {counts['rows']}. Taxpayers: {result.taxpayers_created} created, {result.taxpayers_updated} "
            f"updated, {result.taxpayers_unchanged} unchanged. Obligations: {result.obligations_created} created, "
            f"{result.obligations_updated} updated, {result.obligations_unchanged} unchanged."
        )
        self.stdout.write(
            self.style.SUCCESS("Checked only: nothing was imported.")
            if result.dry_run
            else self.style.SUCCESS("Imported.")
        )
