"""Load the demo: the texts through the real importer, the two demo exams, a demo class
with results, and demo accounts.

Safe to run again: nothing is duplicated and the printed passwords keep working.
"""

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.services import ensure_user
from exam import demo
from exam.classes.services import add_pupil
from exam.demo_results import ensure_demo_class


class Command(BaseCommand):
    help = "Load the demo text, exam and accounts (idempotent)."

    @transaction.atomic
    def handle(self, *args, **options):
        for username, password, role, first, last in demo.ACCOUNTS:
            ensure_user(
                username=username, password=password, role=role, first_name=first, last_name=last
            )
        text, created = demo.ensure_seed_text()
        self.stdout.write(
            f'{"Imported" if created else "Kept"} the demo text "{text.title}" '
            f"({text.lines.count()} lines)."
        )
        exam, created = demo.ensure_demo_exam()
        self.stdout.write(
            f'{"Created" if created else "Kept"} the demo exam "{exam.title}" '
            f"({exam.questions.count()} questions)."
        )
        second, created = demo.ensure_demo_exam_2()
        self.stdout.write(
            f'{"Created" if created else "Kept"} the demo exam "{second.title}" '
            f"({second.exam_texts.count()} texts, {second.questions.count()} questions)."
        )
        teacher = User.objects.get(username=demo.ACCOUNTS[1][0])
        # One class practised both demo exams: an assignment and results for each.
        classroom = ensure_demo_class(teacher=teacher, exam=exam)
        ensure_demo_class(teacher=teacher, exam=second)
        # The demo pupil is in the class too, so the assignment shows on their page.
        add_pupil(classroom=classroom, username=demo.ACCOUNTS[2][0])
        self.stdout.write(
            f'Demo class "{classroom.name}" with {classroom.pupils.count()} pupils '
            "and their results on both demo exams."
        )
        self.stdout.write("")
        self.stdout.write("Demo logins (http://127.0.0.1:8000/login/):")
        for username, password, role, _first, _last in demo.ACCOUNTS:
            self.stdout.write(f"  {role:<8} {username:<10} password: {password}")
