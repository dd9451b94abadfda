"""The printable certificate of a participant who passed a training (PDF, WeasyPrint).

Fonts come from the machine (DejaVu, installed with WeasyPrint's dependencies); the page needs
no network. The verification address printed on it lets anyone check the code.
"""

from django.template.loader import render_to_string
from django.urls import reverse

from mentoring.models import TrainingParticipant


def certificate_html(participant: TrainingParticipant, *, verify_url: str) -> str:
    """The certificate's page, before WeasyPrint turns it into PDF (tests read it too)."""
    return render_to_string(
        "mentoring/training/certificate.html",
        {"participant": participant, "event": participant.event, "verify_url": verify_url},
    )


def certificate_pdf(participant: TrainingParticipant, *, base_url: str) -> bytes:
    """Render the certificate of ``participant`` (who must have passed) as PDF bytes."""
    from weasyprint import HTML  # heavy import: only when a certificate is printed

    verify_url = base_url.rstrip("/") + reverse(
        "mentoring:certificate_verify", args=[participant.certificate_code]
    )
    html = certificate_html(participant, verify_url=verify_url)
    return HTML(string=html, base_url=base_url).write_pdf()
