"""Classes: the services that create them and fill them with pupils (services), and
the import of a class list from a CSV file (pupil_csv)."""
