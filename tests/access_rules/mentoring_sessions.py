"""Access rules of mentoring sessions and monthly bookkeeping: every URL, GET and POST.

Object URLs use pendamping1's session or report on the world's own group, so ``other_mentor``
answers 404. Recording pages are for bank mentors only (superusers and officials: 403); the
review is for officials. POST rows send valid data, so the allowed role is redirected (302).
"""

from django.utils import timezone

from tests.access import OFFICIAL_ONLY, rule
from tests.groups.factories import pdf_upload
from tests.mentoring.factories_sessions import (
    BookkeepingReportFactory,
    FollowUpFactory,
    MentoringSessionFactory,
)

READERS = "302 200 200 200 200 403 403 403"
OWN_OBJECT = "302 200 200 200 404 403 403 403"
MENTOR_PAGE = "302 403 403 200 200 403 403 403"
OWN_MENTOR_PAGE = "302 403 403 200 404 403 403 403"
OWN_MENTOR_POST = "302 403 403 302 404 403 403 403"
OFFICIAL_POST = "302 302 302 403 403 403 403 403"
POST_ONLY = "302 405 405 405 405 405 405 405"


def group(w):
    return {"pk": w.group.pk}


def session(w, **kwargs):
    return MentoringSessionFactory(group=w.group, mentor=w.mentor, **kwargs)


def own_session(w):
    return {"pk": session(w).pk}


def submitted_session(w):
    return {"pk": session(w, status="submitted", submitted_at=timezone.now()).pk}


def follow_up(w):
    return {"pk": FollowUpFactory(session=session(w)).pk}


def attachment(w):
    s = session(w)
    return {"pk": s.attachments.create(file=pdf_upload(), uploaded_by=w.mentor).pk}


def session_data(w):
    return {
        "group": w.group.pk,
        "held_on": timezone.localdate().isoformat(),
        "topics": ["bookkeeping"],
        "summary": "Memeriksa buku kas.",
        "attendees": [w.group.members.first().pk],
        "tl-TOTAL_FORMS": "0",
        "tl-INITIAL_FORMS": "0",
        "submit": "1",
    }


def session_update_data(w):
    data = session_data(w)
    del data["group"]
    return data


def report(w):
    return {"pk": BookkeepingReportFactory(group=w.group, entered_by=w.mentor).pk}


def report_data(w):
    return {
        "month": timezone.localdate().strftime("%Y-%m"),
        "revenue": "12.000.000",
        "cost_of_goods": "7.000.000",
        "operating_costs": "1.500.000",
        "cash": "2.000.000",
        "receivables": "0",
        "inventory": "1.000.000",
        "payables": "0",
        "keeps_cash_book": "on",
        "method": "paper",
    }


def report_update_data(w):
    data = report_data(w)
    del data["month"]
    return data


RULES = [
    rule("mentoring:session_list", READERS),
    rule("mentoring:session_review_list", OFFICIAL_ONLY),
    rule("mentoring:session_create", MENTOR_PAGE),
    # the peer mentor posts the world's group: not among their choices, a form error (200)
    rule(
        "mentoring:session_create",
        "302 403 403 302 200 403 403 403",
        method="post",
        data=session_data,
    ),
    rule("mentoring:session_detail", OWN_OBJECT, kwargs=own_session),
    rule("mentoring:session_update", OWN_MENTOR_PAGE, kwargs=own_session),
    rule(
        "mentoring:session_update",
        OWN_MENTOR_POST,
        kwargs=own_session,
        method="post",
        data=session_update_data,
    ),
    rule("mentoring:session_submit", POST_ONLY, kwargs=own_session),
    rule("mentoring:session_submit", OWN_MENTOR_POST, kwargs=own_session, method="post"),
    rule("mentoring:session_approve", POST_ONLY, kwargs=submitted_session),
    rule("mentoring:session_approve", OFFICIAL_POST, kwargs=submitted_session, method="post"),
    rule("mentoring:session_return", POST_ONLY, kwargs=submitted_session),
    rule(
        "mentoring:session_return",
        OFFICIAL_POST,
        kwargs=submitted_session,
        method="post",
        data=lambda w: {"return-note": "Lengkapi daftar hadir."},
    ),
    rule("mentoring:follow_up_toggle", POST_ONLY, kwargs=follow_up),
    rule("mentoring:follow_up_toggle", OWN_MENTOR_POST, kwargs=follow_up, method="post"),
    rule("mentoring:session_attachment", OWN_OBJECT, kwargs=attachment),
    rule("mentoring:group_session_list", OWN_OBJECT, kwargs=group),
    # monthly bookkeeping
    rule("mentoring:report_list", READERS),
    rule("mentoring:group_report_list", OWN_OBJECT, kwargs=group),
    rule("mentoring:group_statements", OWN_OBJECT, kwargs=group),
    rule("mentoring:report_detail", OWN_OBJECT, kwargs=report),
    rule("mentoring:report_create", OWN_MENTOR_PAGE, kwargs=group),
    rule("mentoring:report_create", OWN_MENTOR_POST, kwargs=group, method="post", data=report_data),
    rule("mentoring:report_update", OWN_MENTOR_PAGE, kwargs=report),
    rule(
        "mentoring:report_update",
        OWN_MENTOR_POST,
        kwargs=report,
        method="post",
        data=report_update_data,
    ),
    rule("mentoring:report_verify", POST_ONLY, kwargs=report),
    rule("mentoring:report_verify", OWN_MENTOR_POST, kwargs=report, method="post"),
]
