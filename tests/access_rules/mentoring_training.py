"""Access rules of trainings, certificates and apprenticeships: every URL, GET and POST.

Objects belong to the world's own group (pendamping1's): ``other_mentor`` answers 404 on the
pages mentors may read. The certificate verification pages are public.
"""

from tests.access import OFFICIAL_ONLY, rule
from tests.groups.factories import pdf_upload
from tests.mentoring.factories_training import (
    ApprenticeshipFactory,
    ParticipantFactory,
    PassedParticipantFactory,
    TrainingEventFactory,
)

READERS = "302 200 200 200 200 403 403 403"
OWN_OBJECT = "302 200 200 200 404 403 403 403"
OFFICIAL_POST = "302 302 302 403 403 403 403 403"
GET_ONLY = "302 405 405 405 405 405 405 405"
PUBLIC = "200 200 200 200 200 200 200 200"
PUBLIC_GET_ONLY = "405 405 405 405 405 405 405 405"


def _member(w):
    return w.group.members.first()


def passed(w):
    return PassedParticipantFactory(member=_member(w))


def training(w):
    return {"pk": passed(w).event.training_id}


def event(w):
    return {"pk": passed(w).event_id}


def participant(w):
    return {"pk": passed(w).pk}


def fresh_participant(w):
    return {"pk": ParticipantFactory(member=_member(w)).pk}


def certificate_code(w):
    return {"code": passed(w).certificate_code}


def member(w):
    return {"pk": _member(w).pk}


def apprenticeship(w):
    return {"pk": ApprenticeshipFactory(member=_member(w)).pk}


def report(w):
    return {
        "name": ApprenticeshipFactory(
            member=_member(w), outcome_report=pdf_upload()
        ).outcome_report.name
    }


def training_data(w):
    return {"title": "Pengemasan Produk", "description": "Label dan kemasan", "is_active": "on"}


def event_data(w):
    return {
        "starts_on": "2024-05-06",
        "ends_on": "2024-05-07",
        "place": "Aula Kelurahan",
        "facilitator": "BPOM Palu",
        "capacity": "30",
    }


def results_data(w):
    event = TrainingEventFactory()
    p = ParticipantFactory(event=event, member=_member(w))
    w.extra["results_event"] = event
    return {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "form-0-id": str(p.pk),
        "form-0-attendance": "present",
        "form-0-pre_score": "40",
        "form-0-post_score": "80",
        "form-0-passed": "on",
    }


def results_event(w):
    return {"pk": w.extra["results_event"].pk}


def apprenticeship_data(w):
    return {
        "host_name": "UD Abon Sapi",
        "host_kind": "business",
        "host_region": "Kab. Bantul, DI Yogyakarta",
        "starts_on": "2023-09-01",
        "ends_on": "2023-09-10",
        "funding_source": "apbd_kota",
        "funding_amount": "5.000.000",
        "learned": "Produksi abon",
        "outcome_report": pdf_upload(),
    }


RULES = [
    rule("mentoring:training_list", READERS),
    rule("mentoring:training_list", "302 405 405 405 405 403 403 403", method="post"),
    rule("mentoring:training_detail", OWN_OBJECT, kwargs=training),
    rule("mentoring:training_create", OFFICIAL_ONLY),
    rule("mentoring:training_create", OFFICIAL_POST, method="post", data=training_data),
    rule("mentoring:training_update", OFFICIAL_ONLY, kwargs=training),
    rule(
        "mentoring:training_update",
        OFFICIAL_POST,
        kwargs=training,
        method="post",
        data=training_data,
    ),
    rule("mentoring:event_create", OFFICIAL_ONLY, kwargs=training),
    rule("mentoring:event_create", OFFICIAL_POST, kwargs=training, method="post", data=event_data),
    rule("mentoring:event_list", READERS),
    rule("mentoring:event_detail", OWN_OBJECT, kwargs=event),
    rule("mentoring:event_update", OFFICIAL_ONLY, kwargs=event),
    rule("mentoring:event_update", OFFICIAL_POST, kwargs=event, method="post", data=event_data),
    rule("mentoring:participants_add", OFFICIAL_ONLY, kwargs=event),
    rule(
        "mentoring:participants_add",
        OFFICIAL_POST,
        kwargs=lambda w: {"pk": TrainingEventFactory().pk},
        method="post",
        data=lambda w: {"groups": [w.group.pk]},
    ),
    rule("mentoring:event_results", OFFICIAL_ONLY, kwargs=event),
    rule(
        "mentoring:event_results",
        OFFICIAL_POST,
        kwargs=lambda w: {"pk": TrainingEventFactory().pk},
        method="post",
        data=lambda w: {"form-TOTAL_FORMS": "0", "form-INITIAL_FORMS": "0"},
    ),
    rule("mentoring:participant_remove", OFFICIAL_ONLY, kwargs=fresh_participant),
    rule("mentoring:participant_remove", OFFICIAL_POST, kwargs=fresh_participant, method="post"),
    rule("mentoring:certificate", OWN_OBJECT, kwargs=participant),
    rule("mentoring:certificate", GET_ONLY, kwargs=participant, method="post"),
    rule("mentoring:certificate_lookup", PUBLIC),
    rule("mentoring:certificate_lookup", PUBLIC_GET_ONLY, method="post"),
    rule("mentoring:certificate_verify", PUBLIC, kwargs=certificate_code),
    rule("mentoring:certificate_verify", PUBLIC_GET_ONLY, kwargs=certificate_code, method="post"),
    rule("mentoring:apprenticeship_list", READERS),
    rule("mentoring:apprenticeship_detail", OWN_OBJECT, kwargs=apprenticeship),
    rule("mentoring:apprenticeship_update", OFFICIAL_ONLY, kwargs=apprenticeship),
    rule(
        "mentoring:apprenticeship_update",
        OFFICIAL_POST,
        kwargs=apprenticeship,
        method="post",
        data=apprenticeship_data,
    ),
    rule("mentoring:apprenticeship_report", OWN_OBJECT, kwargs=report),
    rule("mentoring:apprenticeship_report", GET_ONLY, kwargs=report, method="post"),
    rule("mentoring:member_record", OWN_OBJECT, kwargs=member),
    rule("mentoring:apprenticeship_create", OFFICIAL_ONLY, kwargs=member),
    rule(
        "mentoring:apprenticeship_create",
        OFFICIAL_POST,
        kwargs=member,
        method="post",
        data=apprenticeship_data,
    ),
]
