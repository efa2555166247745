"""Reports built from one typed context: HTML/PDF (WeasyPrint), XLSX (openpyxl), the domain chart."""
