<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>BatchResult</name>
    <message numerus="yes">
        <source>{done} of %n document(s) posted; refused:</source>
        <translation>
            <numerusform>{done} of %n document posted; refused:</numerusform>
            <numerusform>{done} of %n documents posted; refused:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{done} of %n document(s) unposted; refused:</source>
        <translation>
            <numerusform>{done} of %n document unposted; refused:</numerusform>
            <numerusform>{done} of %n documents unposted; refused:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{done} of %n document(s) marked for deletion; refused:</source>
        <translation>
            <numerusform>{done} of %n document marked for deletion; refused:</numerusform>
            <numerusform>{done} of %n documents marked for deletion; refused:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{done} of %n document(s) unmarked; refused:</source>
        <translation>
            <numerusform>{done} of %n document unmarked; refused:</numerusform>
            <numerusform>{done} of %n documents unmarked; refused:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{done} of %n item(s) marked for deletion; refused:</source>
        <translation>
            <numerusform>{done} of %n item marked for deletion; refused:</numerusform>
            <numerusform>{done} of %n items marked for deletion; refused:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{done} of %n item(s) unmarked; refused:</source>
        <translation>
            <numerusform>{done} of %n item unmarked; refused:</numerusform>
            <numerusform>{done} of %n items unmarked; refused:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DocumentForm</name>
    <message numerus="yes">
        <source>%n line(s) filled in.</source>
        <translation>
            <numerusform>%n line filled in.</numerusform>
            <numerusform>%n lines filled in.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DrillDialog</name>
    <message numerus="yes">
        <source>%n movement(s); Enter or a double click opens the document</source>
        <translation>
            <numerusform>%n movement; Enter or a double click opens the document</numerusform>
            <numerusform>%n movements; Enter or a double click opens the document</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ListCommands</name>
    <message numerus="yes">
        <source>Mark %n documents for deletion?</source>
        <translation>
            <numerusform>Mark %n document for deletion?</numerusform>
            <numerusform>Mark %n documents for deletion?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Clear the deletion mark of %n documents?</source>
        <translation>
            <numerusform>Clear the deletion mark of %n document?</numerusform>
            <numerusform>Clear the deletion mark of %n documents?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported {done} of %n rows…</source>
        <translation>
            <numerusform>Exported {done} of %n row…</numerusform>
            <numerusform>Exported {done} of %n rows…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n row(s) to {file}</source>
        <translation>
            <numerusform>Exported %n row to {file}</numerusform>
            <numerusform>Exported %n rows to {file}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ListForm</name>
    <message numerus="yes">
        <source>Rows: %n</source>
        <translation>
            <numerusform>Rows: %n</numerusform>
            <numerusform>Rows: %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Rows: %n+</source>
        <translation>
            <numerusform>Rows: %n+</numerusform>
            <numerusform>Rows: %n+</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PrintPreview</name>
    <message numerus="yes">
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n page</numerusform>
            <numerusform>%n pages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Printed {done} of %n page(s)…</source>
        <translation>
            <numerusform>Printed {done} of %n page…</numerusform>
            <numerusform>Printed {done} of %n pages…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Reminders</name>
    <message numerus="yes">
        <source>Tasks due: %n</source>
        <translation>
            <numerusform>Task due: %n</numerusform>
            <numerusform>Tasks due: %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n task(s) are due.</source>
        <translation>
            <numerusform>%n task is due.</numerusform>
            <numerusform>%n tasks are due.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReportForm</name>
    <message numerus="yes">
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n row</numerusform>
            <numerusform>%n rows</numerusform>
        </translation>
    </message>
</context>
</TS>
