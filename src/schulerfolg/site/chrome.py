"""The words of the page frame – header, menu, footer, notices, skip link – in every language a page has.

The theme (overrides/) gets them through ``config.extra.chrome`` (hooks/data_pages.py): one place for every
word of the frame, so a translated page of the Elternratgeber (front matter ``lang: ar``) is framed in its own
language. German is complete; a language without a word falls back to German (``words``).
Names stay German in every language: the city, »Jugendamt« where the guide keeps it, the site's name.
"""
from __future__ import annotations

from typing import Any

from schulerfolg.data.fields import tel_uri
from schulerfolg.data.daten import Daten
from schulerfolg.data.models import Netzwerkstelle

# The city's own website, named in the footer of every page.
CITY_URL = "https://www.dessau-rosslau.de/"

DE = {
    "stadt": "Stadt Dessau-Roßlau",
    "jugendamt": "Jugendamt",
    "netzwerkstelle": "Netzwerkstelle",
    "zugaenge": "Andere Sprachformen",
    "leichte_sprache": "Leichte Sprache",
    "gebaerdensprache": "Gebärdensprache",
    "zum_inhalt": "Zum Inhalt springen",
    "menue": "Menü",
    "kontakt": "Kontakt",
    "telefon": "Telefon",
    "email": "E-Mail",
    "rechtliches": "Rechtliches",
    "impressum": "Impressum",
    "datenschutz": "Datenschutz",
    "barrierefreiheit": "Barrierefreiheit",
    "angebot": "Ein Angebot der Stadt Dessau-Roßlau",
    "stadt_website": "Website der Stadt Dessau-Roßlau",
    "beispieldaten": "Beispieldaten:",
    "beispieldaten_text": "Personen, Kontaktdaten und Termine auf dieser Website sind erfunden. "
                          "Bitte nutzen Sie sie nicht.",
}

# Reviewed for plain wording; the guide's own terms (docs/eltern/<lang>/) where it has one.
TRANSLATED: dict[str, dict[str, str]] = {
    "en": {
        "stadt": "City of Dessau-Roßlau",
        "jugendamt": "Youth Welfare Office",
        "netzwerkstelle": "Network office",
        "zugaenge": "Other ways to read",
        "leichte_sprache": "Easy German",
        "gebaerdensprache": "Sign language",
        "zum_inhalt": "Skip to content",
        "menue": "Menu",
        "kontakt": "Contact",
        "telefon": "Phone",
        "email": "Email",
        "rechtliches": "Legal",
        "impressum": "Legal notice",
        "datenschutz": "Privacy",
        "barrierefreiheit": "Accessibility",
        "angebot": "A service of the City of Dessau-Roßlau",
        "stadt_website": "Website of the City of Dessau-Roßlau",
        "beispieldaten": "Sample data:",
        "beispieldaten_text": "The people, contact details and dates on this website are made up. Please do not use them.",
    },
    "uk": {
        "stadt": "Місто Дессау-Рослау",
        "jugendamt": "Служба у справах дітей і молоді",
        "netzwerkstelle": "Мережевий офіс",
        "zugaenge": "Інші форми мови",
        "leichte_sprache": "Проста німецька",
        "gebaerdensprache": "Мова жестів",
        "zum_inhalt": "Перейти до змісту",
        "menue": "Меню",
        "kontakt": "Контакти",
        "telefon": "Телефон",
        "email": "Електронна пошта",
        "rechtliches": "Правова інформація",
        "impressum": "Вихідні дані",
        "datenschutz": "Захист даних",
        "barrierefreiheit": "Доступність",
        "angebot": "Послуга міста Дессау-Рослау",
        "stadt_website": "Вебсайт міста Дессау-Рослау",
        "beispieldaten": "Приклад даних:",
        "beispieldaten_text": "Люди, контактні дані та дати на цьому сайті вигадані. Будь ласка, не використовуйте їх.",
    },
    "ar": {
        "stadt": "مدينة دساو-روسلاو",
        "jugendamt": "مكتب رعاية الشباب",
        "netzwerkstelle": "مكتب الشبكة",
        "zugaenge": "أشكال أخرى للغة",
        "leichte_sprache": "الألمانية المبسطة",
        "gebaerdensprache": "لغة الإشارة",
        "zum_inhalt": "انتقل إلى المحتوى",
        "menue": "القائمة",
        "kontakt": "التواصل",
        "telefon": "الهاتف",
        "email": "البريد الإلكتروني",
        "rechtliches": "معلومات قانونية",
        "impressum": "بيانات الناشر",
        "datenschutz": "حماية البيانات",
        "barrierefreiheit": "إمكانية الوصول",
        "angebot": "خدمة من مدينة دساو-روسلاو",
        "stadt_website": "موقع مدينة دساو-روسلاو",
        "beispieldaten": "بيانات للتجربة:",
        "beispieldaten_text": "الأشخاص وبيانات التواصل والمواعيد على هذا الموقع غير حقيقية. يرجى عدم استخدامها.",
    },
    "fa": {  # Dari (fa-AF), in the guide's words: مکتب, معلومات, تیلفون
        "stadt": "شهر دسائو-روسلاو",
        "jugendamt": "ادارهٔ امور اطفال و جوانان",
        "netzwerkstelle": "دفتر شبکه",
        "zugaenge": "شکل‌های دیگر زبان",
        "leichte_sprache": "آلمانی ساده",
        "gebaerdensprache": "زبان اشاره",
        "zum_inhalt": "رفتن به محتوا",
        "menue": "مینو",
        "kontakt": "تماس",
        "telefon": "تیلفون",
        "email": "ایمیل",
        "rechtliches": "معلومات حقوقی",
        "impressum": "مشخصات ناشر",
        "datenschutz": "حفاظت از معلومات",
        "barrierefreiheit": "دسترسی‌پذیری",
        "angebot": "خدمتی از شهر دسائو-روسلاو",
        "stadt_website": "ویب‌سایت شهر دسائو-روسلاو",
        "beispieldaten": "معلومات نمونه:",
        "beispieldaten_text": "اشخاص، معلومات تماس و تاریخ‌ها در این ویب‌سایت ساختگی هستند. لطفاً از آن‌ها استفاده نکنید.",
    },
}

# The menu's entries (mkdocs.yml nav titles) in each language. An entry without a word here stays German
# and is marked lang="de" (the pages in Leichte Sprache are German by nature).
NAV: dict[str, dict[str, str]] = {
    "en": {"Aktuelles": "News", "Termine": "Events",
           "Start": "Home", "Schulsozialarbeit": "School social work", "Schulen": "Schools",
           "Träger": "Providers", "Netzwerkstelle": "Network office", "Elternratgeber": "Parents’ guide",
           "Der Schulanfang": "Starting school", "Nach der Grundschule": "After primary school",
           "Hilfe und Beratung": "Help and advice", "Schulwörter": "School words", "Checklisten": "Checklists",
           "Leichte Sprache": "Easy German", "Gebärdensprache": "Sign language"},
    "uk": {"Aktuelles": "Новини", "Termine": "Події",
           "Start": "Головна", "Schulsozialarbeit": "Шкільна соціальна робота", "Schulen": "Школи",
           "Träger": "Організації", "Netzwerkstelle": "Мережевий офіс", "Elternratgeber": "Порадник для батьків",
           "Der Schulanfang": "Початок навчання", "Nach der Grundschule": "Після початкової школи",
           "Hilfe und Beratung": "Допомога та консультації", "Schulwörter": "Шкільні слова",
           "Checklisten": "Контрольні списки", "Leichte Sprache": "Проста німецька",
           "Gebärdensprache": "Мова жестів"},
    "ar": {"Aktuelles": "الأخبار", "Termine": "المواعيد",
           "Start": "الرئيسية", "Schulsozialarbeit": "العمل الاجتماعي المدرسي", "Schulen": "المدارس",
           "Träger": "الجهات المنفذة", "Netzwerkstelle": "مكتب الشبكة", "Elternratgeber": "دليل الآباء والأمهات",
           "Der Schulanfang": "بداية المدرسة", "Nach der Grundschule": "بعد المدرسة الابتدائية",
           "Hilfe und Beratung": "المساعدة والاستشارة", "Schulwörter": "كلمات المدرسة",
           "Checklisten": "قوائم التحقق", "Leichte Sprache": "الألمانية المبسطة", "Gebärdensprache": "لغة الإشارة"},
    "fa": {"Aktuelles": "اخبار", "Termine": "رویدادها",
           "Start": "صفحهٔ اصلی", "Schulsozialarbeit": "کار اجتماعی در مکتب", "Schulen": "مکتب‌ها",
           "Träger": "مؤسسه‌های مسئول", "Netzwerkstelle": "دفتر شبکه", "Elternratgeber": "رهنمای والدین",
           "Der Schulanfang": "شروع مکتب", "Nach der Grundschule": "بعد از مکتب ابتدائیه",
           "Hilfe und Beratung": "کمک و مشوره", "Schulwörter": "کلمات مکتب", "Checklisten": "فهرست‌های کنترول",
           "Leichte Sprache": "آلمانی ساده", "Gebärdensprache": "زبان اشاره"},
}

def words(lang: str) -> dict[str, str]:
    """The frame's words for a page language (``fa-AF`` → ``fa``); German for every word a language lacks."""
    return DE | TRANSLATED.get(lang[:2], {})


def chrome(netzwerkstelle: Netzwerkstelle) -> dict[str, Any]:
    """What the theme's frame shows: its words per language, the menu's words, the office's contact.
    The contact's values are plain text from the data: the theme escapes each (``| e``)."""
    adresse, kontakt = netzwerkstelle.adresse, netzwerkstelle.kontakt
    return {
        "woerter": {lang: words(lang) for lang in ("de", *TRANSLATED)},
        "nav": NAV,
        "stadt_url": CITY_URL,
        "kontakt": {
            "name": netzwerkstelle.name,
            "organisation": netzwerkstelle.organisation,
            "strasse": adresse.strasse,
            "ort": f"{adresse.plz} {adresse.ort}",
            "telefon": kontakt.telefon,
            "tel": tel_uri(kontakt.telefon) if kontakt.telefon else None,
            "email": kontakt.email,
        },
    }


def theme_extra(daten: Daten) -> dict[str, Any]:
    """The theme's ``extra`` (mkdocs.yml): the example-data notice on every page, the header's, menu's and
    footer's words – handed over by the hook, or written into a generated project's mkdocs.yml."""
    return {"beispieldaten": daten.netzwerkstelle.beispieldaten, "chrome": chrome(daten.netzwerkstelle)}
