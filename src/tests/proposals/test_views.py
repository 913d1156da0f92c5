"""The proposal's pages: 404 for outsiders, saving a section with htmx, a conflict showing
both texts, bad input keeping what was typed, the approver's decision, the list's queries,
and the toolkit's link with what waits for the approver."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from second_factor import login_with_second_factor

from glasnik.proposals.models import ProposalStatus
from glasnik.proposals.sections import SectionKey, TemplateKind
from glasnik.proposals.services import proposal_create, proposal_send_for_approval

from .conftest import write

pytestmark = pytest.mark.django_db


def signed_in(client, person):
    login_with_second_factor(client, person)
    return client


def save(client, proposal, key, text, revision, **headers):
    url = reverse("proposals:section_save", kwargs={"pk": proposal.pk, "key": key})
    return client.post(url, {f"{key}-text": text, f"{key}-revision": revision}, **headers)


def test_outsiders_find_nothing(client, team, proposal):
    signed_in(client, team.outsider)
    version = proposal_send_for_approval(proposal=proposal, actor=team.officer)
    urls = [
        reverse("proposals:list", kwargs={"slug": team.organization.slug}),
        reverse("proposals:detail", kwargs={"pk": proposal.pk}),
        reverse("proposals:versions", kwargs={"pk": proposal.pk}),
        reverse("proposals:version", kwargs={"pk": version.pk}),
        reverse("proposals:export", kwargs={"pk": proposal.pk, "file_format": "docx"}),
    ]

    assert [client.get(url).status_code for url in urls] == [404] * 5


def test_the_mentor_reads_but_does_not_write(client, team, proposal):
    signed_in(client, team.mentor)

    page = client.get(reverse("proposals:detail", kwargs={"pk": proposal.pk}))
    response = save(client, proposal, SectionKey.GOALS, "Tekst", 1)

    assert page.status_code == 200
    assert b"<textarea" not in page.content.split(b'id="comments"')[0]
    assert response.status_code == 404


def test_section_saved_with_htmx_answers_with_the_section(client, team, proposal):
    signed_in(client, team.officer)

    response = save(
        client, proposal, SectionKey.GOALS, "Odgovor za jedan dan.", 1, HTTP_HX_REQUEST="true"
    )

    assert response.status_code == 200
    body = response.content.decode()
    assert body.lstrip().startswith('<section class="proposal-section" id="section-goals"')
    assert "Saved." in body
    assert 'name="goals-revision" value="2"' in body
    assert proposal.sections.get(key=SectionKey.GOALS).text == "Odgovor za jedan dan."


def test_second_writer_sees_both_texts_and_keeps_theirs(client, team, proposal):
    write(proposal, SectionKey.GOALS, "Tekst koji je Marko sačuvao.", team.officer)
    signed_in(client, team.colleague)

    response = save(client, proposal, SectionKey.GOALS, "Jovanin tekst.", 1)
    htmx = save(client, proposal, SectionKey.GOALS, "Jovanin tekst.", 1, HTTP_HX_REQUEST="true")

    assert response.status_code == 409
    for answer in (response, htmx):
        body = answer.content.decode()
        assert "Tekst koji je Marko sačuvao." in body
        assert "Jovanin tekst.</textarea>" in body
        assert "Marko Petrović saved this section while you were writing." in body
        assert 'name="goals-revision" value="2"' in body
    assert proposal.sections.get(key=SectionKey.GOALS).text == "Tekst koji je Marko sačuvao."


def test_proposal_without_a_title_keeps_what_was_typed(client, team):
    signed_in(client, team.officer)

    response = client.post(
        reverse("proposals:create", kwargs={"slug": team.organization.slug}),
        {"title": "", "template": TemplateKind.STATE_BODY, "language": "bs"},
    )

    assert response.status_code == 400
    body = response.content.decode()
    assert 'value="state_body" required id="id_template_2" checked' in body
    assert '<option value="bs" selected>' in body


def test_proposal_started_from_the_template(client, team):
    signed_in(client, team.officer)

    response = client.post(
        reverse("proposals:create", kwargs={"slug": team.organization.slug}),
        {"title": "Strategija", "template": TemplateKind.MUNICIPALITY, "language": "sr"},
    )

    proposal = team.organization.proposals.get()
    assert response.url == reverse("proposals:detail", kwargs={"pk": proposal.pk})
    page = client.get(response.url).content.decode()
    assert "SMART" in page  # the goals' guidance
    assert "Ko ih vodi i koliko sati nedeljno:" in page  # its prompt, in the officer's Serbian


def test_returned_without_a_comment_keeps_the_choice(client, team, proposal):
    proposal_send_for_approval(proposal=proposal, actor=team.officer)
    signed_in(client, team.approver)

    response = client.post(
        reverse("proposals:decide", kwargs={"pk": proposal.pk}), {"decision": "return"}
    )

    assert response.status_code == 400
    assert "a returned proposal needs a comment" in response.content.decode()
    assert 'value="return" required id="id_decision_1" checked' in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.AWAITING_APPROVAL


def test_someone_who_is_not_the_approver_is_refused_a_decision(client, team, proposal):
    proposal_send_for_approval(proposal=proposal, actor=team.officer)
    signed_in(client, team.officer)

    response = client.post(
        reverse("proposals:decide", kwargs={"pk": proposal.pk}), {"decision": "approve"}
    )

    assert response.status_code == 404
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.AWAITING_APPROVAL


def test_approver_approves_and_sees_the_history(client, team, proposal):
    proposal_send_for_approval(proposal=proposal, actor=team.officer)
    signed_in(client, team.approver)

    response = client.post(
        reverse("proposals:decide", kwargs={"pk": proposal.pk}), {"decision": "approve"}
    )
    history = client.get(reverse("proposals:versions", kwargs={"pk": proposal.pk}))

    assert response.status_code == 302
    assert "Nenad Pavlović" in history.content.decode()
    assert "Sent for approval" in history.content.decode()


def test_old_version_shows_what_changed(client, team, proposal):
    write(proposal, SectionKey.GOALS, "Jedan dan.", team.officer)
    proposal_send_for_approval(proposal=proposal, actor=team.officer)
    from glasnik.proposals.services import proposal_decide

    proposal_decide(proposal=proposal, actor=team.approver, decision="return", comment="Rok?")
    write(proposal, SectionKey.GOALS, "Jedan radni dan.", team.officer)
    version = proposal_send_for_approval(proposal=proposal, actor=team.officer)
    signed_in(client, team.mentor)

    body = client.get(reverse("proposals:version", kwargs={"pk": version.pk})).content.decode()

    assert "What changed from version 2 to version 3" in body
    assert "<del>[removed: dan.]</del>" in body or "<ins>[added: radni" in body


def test_list_queries_do_not_grow_with_proposals(client, team):
    signed_in(client, team.officer)
    url = reverse("proposals:list", kwargs={"slug": team.organization.slug})

    def count(n):
        while team.organization.proposals.count() < n:
            proposal_create(
                organization=team.organization,
                template=TemplateKind.MUNICIPALITY,
                title=f"Predlog {n}",
                actor=team.officer,
            )
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    client.get(url)  # the session and the layout's caches, once
    assert count(1) == count(6)


def test_toolkit_shows_the_proposals_and_what_waits_for_the_approver(client, team, proposal):
    proposal_send_for_approval(proposal=proposal, actor=team.officer)
    url = reverse("toolkit:home", kwargs={"slug": team.organization.slug})

    officer_page = signed_in(client, team.officer).get(url).content.decode()
    approver_page = signed_in(client, team.approver).get(url).content.decode()

    assert "The institution&#x27;s proposals and strategies" in officer_page
    assert "waits for your approval" not in officer_page
    assert "1 proposal waits for your approval" in approver_page
