"""Exams, their questions and answer models, and pupils' attempts and answers.

A question's answer model has two parts: `model_answer`, the text a teacher reads
(the correctievoorschrift), and `scoring`, the kind's scoring data that the pure
scorers in exam/scoring.py read. Pupils never receive either before they may.

The models stay in one module of over 400 lines: Django's app loading expects an
app's models in one place, and splitting them into a package is a larger change than
it buys.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from exam.references import parse_line_ranges
from texts.models import Text


class Exam(models.Model):
    class Level(models.TextChoices):
        HAVO = "havo", "HAVO"
        VWO = "vwo", "VWO"
        VMBO = "vmbo", "VMBO"

    class PracticeVisibility(models.TextChoices):
        # Who may practise the exam outside an assignment (see exam/visibility.py).
        OPEN = "open", _("open for free practice to all pupils")
        ASSIGNED = "assigned", _("only through assignments")

    title = models.CharField(_("title"), max_length=200)
    level = models.CharField(_("level"), max_length=4, choices=Level.choices, default=Level.HAVO)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    tijdvak = models.PositiveSmallIntegerField(_("exam period (tijdvak)"), null=True, blank=True)
    n_term = models.DecimalField(
        _("N-term"), max_digits=2, decimal_places=1, default=Decimal("1.0")
    )
    # How long the exam lasts as printed (the central exams: 150 minutes). Shown to
    # pupils and the default time limit of an exam-mode assignment; enforced only there.
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(600)],
    )
    is_published = models.BooleanField(_("published"), default=False)
    practice_visibility = models.CharField(
        _("free practice"),
        max_length=8,
        choices=PracticeVisibility.choices,
        default=PracticeVisibility.ASSIGNED,
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="authored_exams"
    )
    texts = models.ManyToManyField(Text, through="ExamText", related_name="exams")
    # Colleagues who may see and change the exam, its answer model and its results.
    co_authors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="coauthored_exams"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # What pupils see of the exam (its texts, title, questions, choices) changed: one
    # more. Bumped by exam.authoring.services.content_changed only; part of the key
    # of every cached exam page (exam/presenters/exam_page.py), so no cache anywhere
    # needs to be told to forget.
    content_version = models.PositiveIntegerField(default=0, editable=False)
    # What the import of the exam board's papers found, for the teacher's review page
    # ({} for an exam written by hand); exam/authoring/import_review.py record_import.
    import_report = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(n_term__gte=0) & models.Q(n_term__lte=2),
                name="exam_n_term_between_0_and_2",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        # A full save of an instance read earlier must not write back an older
        # content_version than another request's bump: only content_changed writes it.
        if not self._state.adding and kwargs.get("update_fields") is None:
            kwargs["update_fields"] = [
                f.name
                for f in self._meta.concrete_fields
                if not f.primary_key and f.name != "content_version"
            ]
        super().save(*args, **kwargs)


class ExamText(models.Model):
    """A text in an exam, printed as "Tekst {position}"."""

    exam = models.ForeignKey(Exam, on_delete=models.CASCADE, related_name="exam_texts")
    text = models.ForeignKey(Text, on_delete=models.PROTECT, related_name="exam_links")
    position = models.PositiveSmallIntegerField()
    # What the exam prints above the text: "Tekst 3 bestaat uit twee fragmenten."
    intro = models.TextField(_("introduction"), blank=True)

    class Meta:
        ordering = ["exam", "position"]
        constraints = [
            models.UniqueConstraint(fields=["exam", "position"], name="examtext_position_unique"),
            models.UniqueConstraint(fields=["exam", "text"], name="examtext_text_unique"),
        ]

    def __str__(self) -> str:
        return f"Tekst {self.position}"


class SharedContext(models.Model):
    """Text the exam prints once above a group of questions ("Lees bij de volgende
    vragen eerst ..."): questions first_number to last_number, both included.

    Tied to question numbers, as printed, not to question rows: moving or deleting a
    question leaves the context on the same numbers. The pupil sees it with every
    question of the group; the preview, the answer model and the print once above it.
    Two contexts of an exam never share a question (exam/authoring/contexts.py).
    """

    exam = models.ForeignKey(Exam, on_delete=models.CASCADE, related_name="contexts")
    first_number = models.PositiveSmallIntegerField(_("from question"))
    last_number = models.PositiveSmallIntegerField(_("to question"))
    body = models.TextField(_("context"))

    class Meta:
        ordering = ["exam", "first_number"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(first_number__gte=1)
                & models.Q(last_number__gte=models.F("first_number")),
                name="sharedcontext_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first_number}-{self.last_number}: {self.body[:40]}"

    def covers(self, number: int) -> bool:
        return self.first_number <= number <= self.last_number


class Question(models.Model):
    class Kind(models.TextChoices):
        MULTIPLE_CHOICE = "mc", _("multiple choice")
        MULTIPLE_RESPONSE = "multi", _("multiple response")
        STATEMENTS = "statements", _("statements true/false")
        MATCHING = "matching", _("matching")
        ORDERING = "ordering", _("ordering")
        PARAGRAPH = "paragraph", _("paragraph number")
        CITATION = "citation", _("citation")
        GAP = "gap", _("gap fill")
        OPEN = "open", _("open answer")
        SUMMARY = "summary", _("summary")
        PARTS = "parts", _("open question in parts")

    exam = models.ForeignKey(Exam, on_delete=models.CASCADE, related_name="questions")
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.ForeignKey(Text, on_delete=models.PROTECT, related_name="questions")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    stem = models.TextField(_("question"))
    max_points = models.PositiveSmallIntegerField(_("maximum points"), default=1)
    model_answer = models.TextField(_("model answer"), blank=True)
    scoring = models.JSONField(_("scoring data"), default=dict, blank=True)
    explanation = models.TextField(_("explanation"), blank=True)
    # Where the answer is found, as the pupil may read it after submitting: "85-91".
    answer_lines = models.CharField(
        _("lines where the answer is found"), max_length=100, blank=True
    )
    word_limit = models.PositiveSmallIntegerField(_("word limit"), null=True, blank=True)
    # Imported from the exam's papers and not yet saved or confirmed by a teacher: the
    # exam cannot be published while any question still needs it. Never set on a
    # question written by hand.
    needs_confirmation = models.BooleanField(default=False, editable=False)

    class Meta:
        ordering = ["exam", "number"]
        constraints = [
            models.UniqueConstraint(fields=["exam", "number"], name="question_number_unique"),
            models.CheckConstraint(
                condition=models.Q(max_points__gte=1), name="question_points_min_1"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.stem[:50]}"

    @property
    def answer_line_count(self) -> int:
        """How many lines answer_lines covers ("regel 12" or "regels 12-14"); 0 if unreadable."""
        try:
            ranges = parse_line_ranges(self.answer_lines) if self.answer_lines.strip() else []
        except ValueError:
            return 0
        return sum(last - first + 1 for first, last in ranges)


class Choice(models.Model):
    """What a pupil chooses from: an option (A-E), a statement, or one side of a match.

    Holds no key: which choice is right lives in Question.scoring.
    """

    class Role(models.TextChoices):
        OPTION = "option", _("option")
        STATEMENT = "statement", _("statement")
        ITEM = "item", _("item to match")
        TARGET = "target", _("match target")

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.OPTION)
    label = models.CharField(max_length=10)
    content = models.TextField()
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["question", "role", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["question", "role", "label"], name="choice_label_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label}: {self.content[:40]}"


class Classroom(models.Model):
    name = models.CharField(_("name"), max_length=100)
    teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="classrooms"
    )
    # Pupils join with this short code.
    join_code = models.CharField(_("join code"), max_length=12, unique=True)
    pupils = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Membership", related_name="pupil_classrooms"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    classroom = models.ForeignKey(Classroom, on_delete=models.CASCADE, related_name="memberships")
    pupil = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["classroom", "pupil"], name="membership_once"),
        ]

    def __str__(self) -> str:
        return f"{self.pupil_id} in {self.classroom_id}"


class Assignment(models.Model):
    class Mode(models.TextChoices):
        # Practice: model shown right after submitting, attempts may repeat.
        PRACTICE = "practice", _("practice")
        # Exam: one attempt, a server-enforced time limit, a window, results on release.
        EXAM = "exam", _("exam")

    exam = models.ForeignKey(Exam, on_delete=models.CASCADE, related_name="assignments")
    classroom = models.ForeignKey(Classroom, on_delete=models.CASCADE, related_name="assignments")
    mode = models.CharField(_("mode"), max_length=10, choices=Mode.choices, default=Mode.PRACTICE)
    opens_at = models.DateTimeField(_("opens at"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes at"), null=True, blank=True)
    time_limit_minutes = models.PositiveSmallIntegerField(
        _("time limit (minutes)"), null=True, blank=True
    )
    results_released_at = models.DateTimeField(null=True, blank=True)
    # Read-aloud for every pupil of the class (ReadAloud gives it to one pupil).
    read_aloud_for_all = models.BooleanField(_("read-aloud for everyone"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="created_assignments"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(opens_at__isnull=True)
                | models.Q(closes_at__isnull=True)
                | models.Q(closes_at__gt=models.F("opens_at")),
                name="assignment_closes_after_opening",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.exam} → {self.classroom}"


class ExtraTime(models.Model):
    """Extra minutes for one pupil on an exam-mode assignment (e.g. +30 for dyslexia)."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="extra_times")
    pupil = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    minutes = models.PositiveSmallIntegerField(_("extra minutes"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assignment", "pupil"], name="extratime_once"),
        ]

    def __str__(self) -> str:
        return f"+{self.minutes}"


class ReadAloud(models.Model):
    """Read-aloud for one pupil on an assignment: an accommodation like ExtraTime, for
    practice and exam mode alike (the national exam client offers it to dyslexic
    pupils). The browser speaks the text; the server only says who may use it."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="read_alouds")
    pupil = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assignment", "pupil"], name="readaloud_once"),
        ]

    def __str__(self) -> str:
        return f"read-aloud for {self.pupil_id}"


class Attempt(models.Model):
    pupil = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attempts"
    )
    exam = models.ForeignKey(Exam, on_delete=models.CASCADE, related_name="attempts")
    assignment = models.ForeignKey(
        Assignment, null=True, blank=True, on_delete=models.CASCADE, related_name="attempts"
    )
    started_at = models.DateTimeField(auto_now_add=True)
    # Exam mode: the server's end of the attempt (time limit + extra time, window close).
    deadline_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    total_points = models.PositiveSmallIntegerField(null=True, blank=True)
    grade = models.DecimalField(max_digits=3, decimal_places=1, null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["pupil", "exam"], name="attempt_pupil_exam")]
        constraints = [
            # One open attempt per pupil, exam and assignment (free practice counts as
            # assignment 0), so two simultaneous starts cannot both create one.
            models.UniqueConstraint(
                models.F("pupil"),
                models.F("exam"),
                Coalesce(models.F("assignment"), 0),
                condition=models.Q(submitted_at__isnull=True),
                name="attempt_one_open",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.pupil_id} / {self.exam_id}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None


class Answer(models.Model):
    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    response = models.JSONField(default=None, null=True, blank=True)
    auto_points = models.PositiveSmallIntegerField(null=True, blank=True)
    final_points = models.PositiveSmallIntegerField(null=True, blank=True)
    needs_review = models.BooleanField(default=False)
    # The pupil's own marking of an open answer: which model elements they think
    # their answer contains, and the points that gives. Shown as such until a
    # teacher confirms a score.
    self_elements = models.JSONField(default=list, blank=True)
    self_points = models.PositiveSmallIntegerField(null=True, blank=True)
    feedback = models.JSONField(default=dict, blank=True)
    scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="scored_answers",
    )
    scored_at = models.DateTimeField(null=True, blank=True)
    # Why a teacher overrode the automatic score; kept with the answer.
    override_reason = models.CharField(max_length=300, blank=True)
    saved_at = models.DateTimeField(auto_now=True)
    # Increases with every save, so a late save cannot overwrite a newer answer.
    revision = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["attempt", "question"], name="answer_once_per_question"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.attempt_id} / {self.question_id}"


class Highlight(models.Model):
    """A highlighter mark on booklet words, kept with the attempt (exam/highlights.py).

    Anchored to words, never to the screen: from word `start_word` of line
    `start_line` to word `end_word` of line `end_line`, both included, word indexes
    counting the whitespace-separated words of the stored line from 0.
    """

    class Colour(models.TextChoices):
        YELLOW = "yellow", _("yellow")
        GREEN = "green", _("green")
        BLUE = "blue", _("blue")
        PINK = "pink", _("pink")

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="highlights")
    text = models.ForeignKey(Text, on_delete=models.CASCADE, related_name="+")
    start_line = models.PositiveIntegerField()
    start_word = models.PositiveSmallIntegerField()
    end_line = models.PositiveIntegerField()
    end_word = models.PositiveSmallIntegerField()
    colour = models.CharField(max_length=10, choices=Colour.choices)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start_line__lt=models.F("end_line"))
                | models.Q(start_line=models.F("end_line"), start_word__lte=models.F("end_word")),
                name="highlight_start_before_end",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.start_line}.{self.start_word}-{self.end_line}.{self.end_word}"


class QuestionScratch(models.Model):
    """The pupil's own work beside a question: a note, options struck out as ruled
    out, and a flag to look at it again. Never part of the answer: it is not scored,
    and no teacher page shows it."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="scratches")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="+")
    note = models.TextField(blank=True)
    is_flagged = models.BooleanField(default=False)
    # Labels of the options the pupil ruled out, e.g. ["B", "D"].
    struck = models.JSONField(default=list, blank=True)
    # Grows with every save from the browser, so a late save cannot undo a newer one.
    revision = models.PositiveIntegerField(default=0)
    saved_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["attempt", "question"], name="scratch_once_per_question"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.attempt_id} / {self.question_id}"
