"""What an editor or designer can do about a finding, in German.

axe-core names its rules in English; the rules a page of ours is likely to break get a German hint here,
every other rule falls back to axe's own one-line help.
"""
from __future__ import annotations

AXE = {
    "image-alt": "Bild ohne Alternativtext: ergänzen Sie, was das Bild zeigt – im Markdown ![Beschreibung](bild.jpg), "
                 "in HTML alt=\"…\"; reine Schmuckbilder bekommen alt=\"\".",
    "input-image-alt": "Bild-Schaltfläche ohne Alternativtext: alt=\"…\" mit der Aktion ergänzen.",
    "role-img-alt": "Grafik mit role=\"img\" ohne Namen: aria-label=\"…\" ergänzen.",
    "svg-img-alt": "SVG-Grafik ohne Namen: <title> oder aria-label ergänzen, als Schmuck aria-hidden=\"true\".",
    "object-alt": "Eingebettetes Objekt ohne Textalternative: Text im <object> oder aria-label ergänzen.",
    "color-contrast": "Zu wenig Kontrast zwischen Schrift und Hintergrund (nötig 4,5:1, große Schrift 3:1): "
                      "Farbe in der Palette (overrides/, CSS) dunkler oder heller wählen.",
    "link-in-text-block": "Link im Fließtext nur an der Farbe erkennbar: Links unterstreichen.",
    "link-name": "Link ohne erkennbaren Namen: sichtbaren Linktext geben (nicht nur ein Symbol) oder aria-label.",
    "button-name": "Schaltfläche ohne Namen: sichtbaren Text oder aria-label ergänzen.",
    "input-button-name": "Schaltfläche ohne Namen: value=\"…\" oder aria-label ergänzen.",
    "label": "Eingabefeld ohne Beschriftung: <label for=\"…\"> oder aria-label ergänzen.",
    "select-name": "Auswahlliste ohne Beschriftung: <label for=\"…\"> ergänzen.",
    "html-has-lang": "Die Seite nennt ihre Sprache nicht: <html lang=\"de\"> setzen.",
    "html-lang-valid": "Ungültige Sprachangabe an <html>: ein Kürzel wie de, uk, ar, fa verwenden.",
    "valid-lang": "Ungültige Sprachangabe lang=\"…\" an einem Abschnitt: ein Kürzel wie de, uk, ar, fa verwenden.",
    "document-title": "Die Seite hat keinen Titel: eine Überschrift oder title: im Seitenkopf ergänzen.",
    "list": "Liste falsch aufgebaut: in <ul>/<ol> stehen direkt nur <li>-Einträge.",
    "listitem": "Listeneintrag <li> außerhalb einer Liste: in <ul> oder <ol> setzen.",
    "definition-list": "Beschreibungsliste falsch aufgebaut: in <dl> nur <dt>/<dd>-Paare.",
    "dlitem": "<dt>/<dd> außerhalb einer <dl>: in eine Beschreibungsliste setzen.",
    "frame-title": "Eingebetteter Rahmen (iframe) ohne Titel: title=\"…\" ergänzen.",
    "video-caption": "Video ohne Untertitel: <track kind=\"captions\" srclang=\"de\"> ergänzen.",
    "meta-viewport": "Die Seite verhindert das Zoomen: user-scalable=no / maximum-scale entfernen.",
    "scrollable-region-focusable": "Scrollbarer Bereich ist mit der Tastatur nicht erreichbar: tabindex=\"0\" und "
                                   "einen Namen (aria-label) ergänzen.",
    "nested-interactive": "Bedienelement in einem Bedienelement (z. B. Link in Schaltfläche): trennen.",
    "duplicate-id-aria": "Eine id, auf die ARIA oder ein <label> verweist, kommt mehrfach vor: eindeutig machen.",
    "td-headers-attr": "Tabellenzelle verweist auf fehlende Kopfzellen: headers=\"…\" prüfen.",
    "th-has-data-cells": "Tabellenkopf ohne zugehörige Zellen: Tabelle vereinfachen.",
    "aria-hidden-focus": "Ein für Screenreader verstecktes Element (aria-hidden) ist per Tab erreichbar: "
                         "tabindex=\"-1\" setzen oder aria-hidden entfernen.",
    "autocomplete-valid": "Ungültiger autocomplete-Wert am Eingabefeld: gültigen Wert wählen.",
}

AXE_FALLBACK = "Regel von axe-core: {help}"

EXTERN = ("Die Seite lädt etwas von {host}. Das schickt Daten der Besucher an Dritte: legen Sie die Datei "
          "(Schrift, Skript, Bild, Video) in den Auftritt selbst oder laden Sie sie erst nach Zustimmung.")
KONSOLE = "JavaScript-Fehler im Browser: das Skript (overrides/assets/, src/schulerfolg/assets/) oder die Seite korrigieren."
HTTP = "Die Seite fordert {path} an, der Server antwortet {status}: Datei ergänzen oder den Verweis korrigieren."
LADEN = "Die Seite ließ sich nicht laden: {error}"
ZIEL_FEHLT = ("Link-Ziel {target} gibt es im Auftritt nicht: Adresse prüfen (bei Schulen, Personen, Trägern die id "
              "in data/*.yml) oder den Link entfernen.")
UEBER_WURZEL = ("Der Link steigt mit »../« über die Wurzel des Auftritts hinaus: an der Wurzel einer Adresse hält der "
                "Browser dort an, unter einem Unterpfad (https://example.org/auftritt/) führt er hinaus. Den Link so "
                "schreiben, dass er höchstens bis zur Wurzel hinaufsteigt.")
ANKER_FEHLT = ("Die Sprungmarke #{fragment} gibt es auf {target} nicht: Überschrift umbenannt? Link an die "
               "aktuelle Überschrift anpassen.")
BREITE = ("Bei 360 px Bildschirmbreite ist die Seite {width} px breit und muss seitlich gescrollt werden: lange Wörter "
          "und Adressen umbrechen lassen, Tabellen in einen scrollbaren Bereich setzen, Bilder mit max-width: 100 %.")
CSP = ("Der Browser hat blockiert, was die Content-Security-Policy der Seite nicht erlaubt ({directive}). Skripte "
       "gehören als Datei nach overrides/assets/ oder src/schulerfolg/assets/ (ein Inline-Skript des Themes bekommt "
       "seinen Hash beim Bau, src/schulerfolg/csp.py); keine Ereignis-Attribute wie onclick=…, kein style=…, nichts "
       "von anderen Hosts. Steht ein fremdes Skript im Inhalt einer Seite, wurde Text aus den Daten nicht maskiert: "
       "Das ist der eigentliche Fehler.")
HTML = "Ungültiges HTML: Vorlage in overrides/ bzw. src/schulerfolg/templates/ oder HTML im Markdown korrigieren."
SPRUNGLINK_FEHLT = ("Der erste Tab-Stopp ist kein Sprunglink („Zum Inhalt springen“, <a href=\"#…\">): ihn als erstes "
                    "bedienbares Element der Seite setzen (MkDocs Material braucht dafür eine Überschrift auf der Seite).")
SPRUNGLINK_UNSICHTBAR = "Der Sprunglink ist beim Fokussieren nicht zu sehen: bei :focus sichtbar machen."
SPRUNGLINK_ZIEL = "Das Ziel {href} des Sprunglinks {problem}: den Sprunglink auf den Anfang des Hauptinhalts richten."
