"""One URL module and one namespace per audience: pupil.py ("pupil") and teacher.py
("teacher"). accounts and texts keep their own."""
