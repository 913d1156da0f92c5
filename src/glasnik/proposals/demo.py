"""The demo municipality's proposal for `manage.py demo`: Kragujevac's PR officer has written
its social-media strategy from the municipality template, in Serbian Latin script, and sent it
once for approval to the head of cabinet. Made once."""

from django.contrib.auth import get_user_model

from .models import Proposal
from .sections import SectionKey, TemplateKind
from .services import proposal_create, proposal_send_for_approval, section_save

EMAIL_DOMAIN = "demo.glasnik.test"
TITLE = "Strategija komunikacije Grada Kragujevca na društvenim mrežama 2027."

TEXTS = {
    SectionKey.SITUATION: (
        "Grad ima Fejsbuk stranicu sa 18.500 pratilaca i Instagram profil sa 6.200 pratilaca; "
        "sajt ažurira služba za informacione tehnologije.\n"
        "Naloge vodi jedan službenik za odnose sa javnošću, pored ostalih poslova, oko deset "
        "sati nedeljno.\n"
        "Građani nas najčešće pitaju o radovima na putevima, prekidima vodosnabdevanja i "
        "rokovima za upis u vrtiće."
    ),
    SectionKey.GOALS: (
        "Do kraja 2027. odgovoriti na svako pitanje građana na Fejsbuku u roku od jednog "
        "radnog dana.\n"
        "Do juna 2027. udvostručiti broj građana koji vide obaveštenja o prekidima "
        "vodosnabdevanja."
    ),
    SectionKey.AUDIENCES: (
        "Građani mesnih zajednica: obaveštenja o radovima i komunalnim uslugama.\n"
        "Roditelji predškolske dece: upis u vrtiće i rokovi.\n"
        "Mladi: konkursi, stipendije i događaji."
    ),
    SectionKey.CHANNELS: (
        "Fejsbuk: obaveštenja i odgovori građanima.\n"
        "Instagram: život u gradu u slikama, kratki video snimci.\n"
        "Sajt: zvanične odluke i dokumenta."
    ),
    SectionKey.TONE: (
        "Prijateljski, ali zvanično; građanima se obraćamo sa „vi“; objave pišemo latinicom."
    ),
    SectionKey.ROLES: (
        "Objave piše službenik za odnose sa javnošću; odobrava ih šef kabineta gradonačelnika "
        "u roku od četiri radna sata.\n"
        "Upozorenja o vremenu i saobraćaju objavljuju se bez odobrenja."
    ),
}


def _person(local_part: str):
    return get_user_model().objects.get(email=f"{local_part}@{EMAIL_DOMAIN}")


def demo_proposals() -> None:
    officer = _person("marko.petrovic")
    organization = officer.positions.get().organization
    if Proposal.objects.filter(organization=organization).exists():
        return
    proposal = proposal_create(
        organization=organization,
        template=TemplateKind.MUNICIPALITY,
        title=TITLE,
        actor=officer,
        language="sr",
    )
    for section in proposal.sections.all():
        if section.key in TEXTS:
            section_save(
                section=section, text=TEXTS[section.key], revision=section.revision, actor=officer
            )
    proposal_send_for_approval(proposal=proposal, actor=officer, notify=False)
