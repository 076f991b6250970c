"""Letters, reports and exports: what the office prints, signs and sends to the regional office.

`documents` lays out the cover letter (surat pengantar) and the complaint report (laporan
pengaduan) as neutral `blocks`, rendered by `docx_renderer` and `pdf_renderer`; `dossier`
gathers a complaint's record and assigns its letter number; `recap` builds the register and
the monthly recap, and `exports` writes them as CSV, XLSX and a chart; `outfiles` carries
generated files to the outbox for any channel adapter to send.
"""
