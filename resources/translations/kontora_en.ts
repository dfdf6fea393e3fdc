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
</TS>
