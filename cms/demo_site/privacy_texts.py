"""The demo privacy notice (GDPR art. 13): what the portal processes, why, on what basis, for how long, to whom."""

DPO = ("Ioana Mureșan", "dpo@primaria-exemplu.ro", "0265 100 199")

# Each activity: {language: (purpose, data, legal basis, kept for, disclosed to)}
ACTIVITIES = [
    {
        "ro": (
            "Contul de utilizator al portalului",
            "Nume, prenume, adresă de e-mail, telefon, parola (păstrată doar ca amprentă criptografică), CNP-ul, "
            "dacă îl introduceți, datele de autentificare în doi pași.",
            "Art. 6 alin. (1) lit. e) GDPR — sarcina de interes public a furnizării serviciilor online "
            "(Legea nr. 52/2003, OUG nr. 57/2019 — Codul administrativ).",
            "Cât timp contul este activ; se șterge la cererea dumneavoastră sau după 3 ani de inactivitate.",
            "Nu se transmit. Furnizorul de găzduire le prelucrează doar în numele primăriei.",
        ),
        "hu": (
            "A portál felhasználói fiókja",
            "Vezetéknév, keresztnév, e-mail-cím, telefonszám, jelszó (csak kriptográfiai lenyomatként tárolva), a "
            "személyi szám (CNP), ha megadja, a kétlépcsős azonosítás adatai.",
            "GDPR 6. cikk (1) e) — az online szolgáltatások nyújtásának közérdekű feladata (52/2003-as törvény, "
            "57/2019-es sürgősségi kormányrendelet — Közigazgatási törvénykönyv).",
            "Amíg a fiók aktív; kérésére vagy 3 év inaktivitás után töröljük.",
            "Nem továbbítjuk. A tárhelyszolgáltató kizárólag a hivatal megbízásából kezeli.",
        ),
        "en": (
            "Your portal account",
            "Name, e-mail address, phone, password (kept only as a cryptographic hash), your personal numeric code "
            "(CNP) if you enter it, two-factor sign-in data.",
            "GDPR art. 6(1)(e) — the public task of providing online services (Law no. 52/2003, Government "
            "Emergency Ordinance no. 57/2019, the Administrative Code).",
            "As long as the account is active; deleted at your request or after 3 years without use.",
            "Not disclosed. The hosting provider processes them only on the city hall's behalf.",
        ),
    },
    {
        "ro": (
            "Cererile și dosarele depuse (certificate, autorizații, restituiri) și documentele atașate",
            "Datele de identificare și de contact ale solicitantului, datele imobilului (adresă, număr cadastral), "
            "documentele încărcate, corespondența și actul emis.",
            "Art. 6 alin. (1) lit. c) și e) GDPR — Legea nr. 50/1991 privind autorizarea executării lucrărilor de "
            "construcții, Codul administrativ, Legea nr. 207/2015 privind Codul de procedură fiscală.",
            "Conform nomenclatorului arhivistic al primăriei (Legea nr. 16/1996 a Arhivelor Naționale): de regulă "
            "10 ani; autorizațiile de construire se păstrează permanent.",
            "Instituțiile care emit avizele cerute, instanțele și organele de control, la cererea lor legală.",
        ),
        "hu": (
            "A benyújtott kérelmek és ügyek (bizonyítványok, engedélyek, visszatérítések) és csatolt iratai",
            "A kérelmező azonosító és elérhetőségi adatai, az ingatlan adatai (cím, kataszteri szám), a feltöltött "
            "iratok, a levelezés és a kiadott irat.",
            "GDPR 6. cikk (1) c) és e) — az 50/1991-es építési törvény, a Közigazgatási törvénykönyv, a 207/2015-ös "
            "törvény (Adóeljárási törvénykönyv).",
            "A hivatal irattári tervének megfelelően (16/1996-os levéltári törvény): általában 10 évig; az építési "
            "engedélyeket véglegesen őrizzük.",
            "Az előírt engedélyeket kiadó intézmények, bíróságok és ellenőrző szervek, törvényes megkeresésükre.",
        ),
        "en": (
            "Requests and cases you file (certificates, permits, refunds) and their documents",
            "The applicant's identification and contact details, the property's data (address, cadastral number), "
            "uploaded documents, correspondence and the decision issued.",
            "GDPR art. 6(1)(c) and (e) — Law no. 50/1991 on building permits, the Administrative Code, Law no. "
            "207/2015 (the Fiscal Procedure Code).",
            "As set by the city hall's archive nomenclature (Law no. 16/1996 on the National Archives): usually 10 "
            "years; building permits are kept permanently.",
            "The bodies issuing the required approvals, courts and inspection bodies, when the law entitles them.",
        ),
    },
    {
        "ro": (
            "Petițiile și solicitările de informații de interes public",
            "Numele, adresa de corespondență și e-mailul petentului, conținutul petiției sau al solicitării, "
            "răspunsul.",
            "Art. 6 alin. (1) lit. c) GDPR — Ordonanța Guvernului nr. 27/2002 privind petițiile și Legea nr. "
            "544/2001 privind liberul acces la informațiile de interes public.",
            "Conform nomenclatorului arhivistic (Legea nr. 16/1996): 5 ani de la răspuns.",
            "Autoritatea competentă, dacă petiția îi este redirecționată; vi se comunică redirecționarea.",
        ),
        "hu": (
            "Petíciók és közérdekű adatigénylések",
            "A petíció benyújtójának neve, levelezési címe és e-mail-címe, a petíció vagy az igénylés tartalma, a "
            "válasz.",
            "GDPR 6. cikk (1) c) — a petíciókról szóló 27/2002-es kormányrendelet és a közérdekű adatokhoz való "
            "szabad hozzáférésről szóló 544/2001-es törvény.",
            "Az irattári terv szerint (16/1996-os törvény): a választól számított 5 évig.",
            "Az illetékes hatóság, ha a petíciót oda továbbítják; a továbbításról értesítjük.",
        ),
        "en": (
            "Petitions and public-information requests",
            "The petitioner's name, postal address and e-mail, what the petition or request says, the answer.",
            "GDPR art. 6(1)(c) — Government Ordinance no. 27/2002 on petitions and Law no. 544/2001 on free access "
            "to public information.",
            "As set by the archive nomenclature (Law no. 16/1996): 5 years from the answer.",
            "The competent authority, if the petition is forwarded to it; you are told of the forwarding.",
        ),
    },
    {
        "ro": (
            "Plata online a impozitelor și taxelor locale",
            "Numele, CNP-ul sau CUI-ul contribuabilului, obligațiile de plată, sumele plătite, chitanța. Datele "
            "cardului sunt introduse doar pe pagina procesatorului de plăți; portalul nu le vede.",
            "Art. 6 alin. (1) lit. c) GDPR — Legea nr. 227/2015 privind Codul fiscal și Legea nr. 207/2015 privind "
            "Codul de procedură fiscală.",
            "10 ani, ca documente justificative contabile (Legea contabilității nr. 82/1991).",
            "Procesatorul de plăți și banca acestuia, Trezoreria Statului, Curtea de Conturi la control.",
        ),
        "hu": (
            "A helyi adók és illetékek online befizetése",
            "Az adófizető neve, személyi száma (CNP) vagy adóazonosító száma (CUI), a fizetési kötelezettségek, a "
            "befizetett összegek, a nyugta. A kártyaadatokat csak a fizetési szolgáltató oldalán adja meg; a portál "
            "nem látja őket.",
            "GDPR 6. cikk (1) c) — a 227/2015-ös törvény (Adótörvénykönyv) és a 207/2015-ös törvény "
            "(Adóeljárási törvénykönyv).",
            "10 évig, számviteli bizonylatként (82/1991-es számviteli törvény).",
            "A fizetési szolgáltató és bankja, az Államkincstár, ellenőrzéskor a Számvevőszék.",
        ),
        "en": (
            "Paying local taxes and fees online",
            "The taxpayer's name, personal numeric code (CNP) or company tax id (CUI), the amounts owed and paid, "
            "the receipt. Card details are entered only on the payment provider's page; the portal never sees them.",
            "GDPR art. 6(1)(c) — Law no. 227/2015 (the Fiscal Code) and Law no. 207/2015 (the Fiscal Procedure Code).",
            "10 years, as accounting records (Accounting Law no. 82/1991).",
            "The payment provider and its bank, the State Treasury, the Court of Accounts when it inspects.",
        ),
    },
    {
        "ro": (
            "Jurnalul de audit al portalului",
            "Cine a făcut ce și când: contul, acțiunea (de exemplu deschiderea unui dosar), data și ora, adresa IP.",
            "Art. 6 alin. (1) lit. c) GDPR și art. 32 GDPR (securitatea prelucrării) — Legea nr. 362/2018 privind "
            "securitatea rețelelor și sistemelor informatice.",
            "3 ani, apoi se șterge automat.",
            "Nu se transmit; la cerere, organelor judiciare.",
        ),
        "hu": (
            "A portál naplója (audit)",
            "Ki, mit és mikor tett: a fiók, a művelet (például egy ügy megnyitása), dátum és időpont, IP-cím.",
            "GDPR 6. cikk (1) c) és 32. cikk (az adatkezelés biztonsága) — a hálózatok és informatikai rendszerek "
            "biztonságáról szóló 362/2018-as törvény.",
            "3 évig, utána automatikusan törlődik.",
            "Nem továbbítjuk; megkeresésre az igazságügyi szerveknek.",
        ),
        "en": (
            "The portal's audit log",
            "Who did what and when: the account, the action (for example opening a case), date and time, IP address.",
            "GDPR art. 6(1)(c) and art. 32 (security of processing) — Law no. 362/2018 on the security of networks "
            "and information systems.",
            "3 years, then deleted automatically.",
            "Not disclosed; to judicial bodies when they ask.",
        ),
    },
    {
        "ro": (
            "Mesajele trimise prin e-mail",
            "Adresa de e-mail, numărul de înregistrare al dosarului, conținutul mesajului (confirmări, solicitări "
            "de completare, răspunsuri).",
            "Art. 6 alin. (1) lit. c) și e) GDPR — obligația de a comunica actele administrative (Codul "
            "administrativ, OG nr. 27/2002).",
            "Jurnalul trimiterilor se păstrează 1 an; mesajul rămâne în dosar cât se păstrează dosarul.",
            "Furnizorul serviciului de e-mail, care le prelucrează doar în numele primăriei.",
        ),
        "hu": (
            "Az e-mailben küldött üzenetek",
            "Az e-mail-cím, az ügy iktatószáma, az üzenet tartalma (visszaigazolások, hiánypótlási felhívások, "
            "válaszok).",
            "GDPR 6. cikk (1) c) és e) — a közigazgatási iratok közlésének kötelezettsége (Közigazgatási "
            "törvénykönyv, 27/2002-es kormányrendelet).",
            "A küldési naplót 1 évig őrizzük; az üzenet az ügyiratban marad, amíg az ügyiratot őrizzük.",
            "Az e-mail-szolgáltató, amely kizárólag a hivatal megbízásából kezeli.",
        ),
        "en": (
            "E-mails we send",
            "Your e-mail address, the case's registration number, what the message says (receipts, completion "
            "requests, answers).",
            "GDPR art. 6(1)(c) and (e) — the duty to communicate administrative decisions (the Administrative "
            "Code, Government Ordinance no. 27/2002).",
            "The sending log is kept 1 year; the message stays in the case file as long as the file is kept.",
            "The e-mail provider, which processes them only on the city hall's behalf.",
        ),
    },
]

INTRO = {
    "ro": "<p>Primăria Municipiului Exemplu, cu sediul în Piața Libertății nr. 1, este operatorul datelor personale "
    "prelucrate prin acest portal. Mai jos găsiți ce date prelucrăm, de ce, cât timp le păstrăm și cui le "
    "transmitem.</p>",
    "hu": "<p>A portálon kezelt személyes adatok adatkezelője Exemplu Municipium Polgármesteri Hivatala (Piața "
    "Libertății 1.). Alább olvashatja, milyen adatokat kezelünk, miért, meddig őrizzük és kinek továbbítjuk őket.</p>",
    "en": "<p>The City Hall of Exemplu Municipality, Piața Libertății no. 1, is the controller of the personal data "
    "processed through this portal. Below you find what we process, why, how long we keep it and to whom we "
    "disclose it.</p>",
}

RIGHTS = {
    "ro": "<p>Aveți dreptul:</p><ul><li>de acces la datele dumneavoastră și de a primi o copie;</li>"
    "<li>la rectificarea datelor inexacte;</li><li>la ștergerea datelor, când nu mai sunt necesare și nu trebuie "
    "păstrate prin lege (de exemplu contul, dar nu un dosar arhivat);</li><li>la restricționarea prelucrării;</li>"
    "<li>de opoziție la prelucrarea întemeiată pe interesul public;</li><li>la portabilitatea datelor pe care ni le-ați "
    "dat, unde se aplică;</li></ul><p>Scrieți responsabilului cu protecția datelor; răspundem în cel mult o lună. Puteți "
    "depune plângere la Autoritatea Națională de Supraveghere a Prelucrării Datelor cu Caracter Personal "
    '(<a href="https://www.dataprotection.ro/">dataprotection.ro</a>).</p>',
    "hu": "<p>Önnek joga van:</p><ul><li>hozzáférni az adataihoz és másolatot kapni róluk;</li>"
    "<li>a pontatlan adatok helyesbítéséhez;</li><li>az adatok törléséhez, ha már nincs rájuk szükség, és törvény nem "
    "írja elő megőrzésüket (például a fiók, de nem egy irattárba került ügy);</li><li>az adatkezelés korlátozásához;"
    "</li><li>tiltakozni a közérdeken alapuló adatkezelés ellen;</li><li>az általa megadott adatok hordozhatóságához, "
    "ahol ez alkalmazható;</li></ul><p>Írjon az adatvédelmi tisztviselőnek; legfeljebb egy hónapon belül válaszolunk. "
    "Panaszt tehet a Személyes Adatok Kezelését Felügyelő Nemzeti Hatóságnál "
    '(<a href="https://www.dataprotection.ro/">dataprotection.ro</a>).</p>',
    "en": "<p>You have the right:</p><ul><li>to access your data and receive a copy;</li>"
    "<li>to have inaccurate data rectified;</li><li>to erasure, when the data are no longer needed and no law requires "
    "us to keep them (your account, for example, but not an archived case file);</li><li>to restriction of "
    "processing;</li><li>to object to processing based on the public interest;</li><li>to portability of the data you "
    "gave us, where it applies;</li></ul><p>Write to the data protection officer; we answer within one month. You may "
    "complain to the National Supervisory Authority for Personal Data Processing "
    '(<a href="https://www.dataprotection.ro/">dataprotection.ro</a>).</p>',
}
