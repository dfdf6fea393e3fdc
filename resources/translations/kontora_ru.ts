<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru">
<context>
    <name></name>
    <message>
        <source>Administrator</source>
        <translation>Администратор</translation>
    </message>
    <message>
        <source>Sales manager</source>
        <translation>Менеджер по продажам</translation>
    </message>
    <message>
        <source>Storekeeper</source>
        <translation>Кладовщик</translation>
    </message>
    <message>
        <source>Accountant</source>
        <translation>Бухгалтер</translation>
    </message>
    <message>
        <source>Payroll officer</source>
        <translation>Расчётчик</translation>
    </message>
</context>
<context>
    <name>Analysis</name>
    <message>
        <source>ABC: customers</source>
        <extracomment>analysis key -&gt; (title, needs a deal type, thresholds (label, defaults) or None) analysis key -&gt; the declared objects it reads (&quot;kind:name&quot;): it is offered only while their subsystems are switched on (marketing effectiveness is gone with Marketing off)</extracomment>
        <translation>ABC: клиенты</translation>
    </message>
    <message>
        <source>ABC: products</source>
        <translation>ABC: номенклатура</translation>
    </message>
    <message>
        <source>XYZ: customers</source>
        <translation>XYZ: клиенты</translation>
    </message>
    <message>
        <source>XYZ: products</source>
        <translation>XYZ: номенклатура</translation>
    </message>
    <message>
        <source>A / B, %</source>
        <translation>A / B, %</translation>
    </message>
    <message>
        <source>X / Y, %</source>
        <translation>X / Y, %</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Клиент</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Номенклатура</translation>
    </message>
    <message>
        <source>No sales in the previous period of the same length: growth cannot be measured, every product counts as new (choose a later period).</source>
        <translation>В предыдущем периоде той же длины продаж не было: рост измерить нельзя, вся номенклатура считается новой (выберите более поздний период).</translation>
    </message>
    <message>
        <source>Star</source>
        <translation>Звезда</translation>
    </message>
    <message>
        <source>Cash cow</source>
        <translation>Дойная корова</translation>
    </message>
    <message>
        <source>Question mark</source>
        <translation>Знак вопроса</translation>
    </message>
    <message>
        <source>Dog</source>
        <translation>Собака</translation>
    </message>
    <message>
        <source>ABC analysis</source>
        <translation>ABC-анализ</translation>
    </message>
    <message>
        <source>Revenue</source>
        <translation>Выручка</translation>
    </message>
    <message>
        <source>Share, %</source>
        <translation>Доля, %</translation>
    </message>
    <message>
        <source>Cumulative, %</source>
        <translation>Накопленная доля, %</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Класс</translation>
    </message>
    <message>
        <source>XYZ analysis</source>
        <translation>XYZ-анализ</translation>
    </message>
    <message>
        <source>Monthly average</source>
        <translation>Среднемесячная</translation>
    </message>
    <message>
        <source>Variation, %</source>
        <translation>Вариация, %</translation>
    </message>
    <message>
        <source>BCG matrix</source>
        <translation>Матрица BCG</translation>
    </message>
    <message>
        <source>Previous period</source>
        <translation>Предыдущий период</translation>
    </message>
    <message>
        <source>Growth, %</source>
        <translation>Рост, %</translation>
    </message>
    <message>
        <source>Quadrant</source>
        <translation>Квадрант</translation>
    </message>
    <message>
        <source>Sales funnel</source>
        <translation>Воронка продаж</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Этап</translation>
    </message>
    <message>
        <source>Deals reached</source>
        <translation>Дошло сделок</translation>
    </message>
    <message>
        <source>Amount reached</source>
        <translation>Сумма дошедших</translation>
    </message>
    <message>
        <source>Conversion, %</source>
        <translation>Конверсия, %</translation>
    </message>
    <message>
        <source>Deals now</source>
        <translation>Сделок сейчас</translation>
    </message>
    <message>
        <source>Amount now</source>
        <translation>Сумма сейчас</translation>
    </message>
    <message>
        <source>Weighted pipeline</source>
        <translation>Взвешенная воронка</translation>
    </message>
    <message>
        <source>Manager KPIs</source>
        <translation>Показатели менеджеров</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>Менеджер</translation>
    </message>
    <message>
        <source>Deals won</source>
        <translation>Выиграно сделок</translation>
    </message>
    <message>
        <source>Deals lost</source>
        <translation>Проиграно сделок</translation>
    </message>
    <message>
        <source>Win rate, %</source>
        <translation>Доля выигранных, %</translation>
    </message>
    <message>
        <source>Average cycle, days</source>
        <translation>Средний цикл, дней</translation>
    </message>
    <message>
        <source>Interactions</source>
        <translation>Взаимодействия</translation>
    </message>
    <message>
        <source>Open deals</source>
        <translation>Открытых сделок</translation>
    </message>
    <message>
        <source>Open amount</source>
        <translation>Сумма открытых</translation>
    </message>
    <message>
        <source>Marketing effectiveness</source>
        <translation>Эффективность маркетинга</translation>
    </message>
    <message>
        <source>Channel / event</source>
        <translation>Канал / мероприятие</translation>
    </message>
    <message>
        <source>Leads</source>
        <translation>Лиды</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Затраты</translation>
    </message>
    <message>
        <source>Cost per won deal</source>
        <translation>Затраты на выигранную сделку</translation>
    </message>
    <message>
        <source>No source</source>
        <translation>Без источника</translation>
    </message>
</context>
<context>
    <name>AnalyticsForm</name>
    <message>
        <source>Analytics</source>
        <translation>Аналитика</translation>
    </message>
    <message>
        <source>&amp;Generate</source>
        <translation>&amp;Сформировать</translation>
    </message>
    <message>
        <source>Export to Excel</source>
        <translation>Выгрузить в Excel</translation>
    </message>
    <message>
        <source>&amp;Analysis:</source>
        <translation>&amp;Анализ:</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;С:</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>&amp;По:</translation>
    </message>
    <message>
        <source>&amp;Deal type:</source>
        <translation>&amp;Вид сделки:</translation>
    </message>
    <message>
        <source>Choose a deal type for the funnel.</source>
        <translation>Выберите вид сделки для воронки.</translation>
    </message>
    <message>
        <source>The period ends ({end}) before it starts ({start}).</source>
        <translation>Период заканчивается ({end}) раньше, чем начинается ({start}).</translation>
    </message>
    <message>
        <source>No data for the period.</source>
        <translation>За период нет данных.</translation>
    </message>
    <message>
        <source>Exported to {file}</source>
        <translation>Выгружено в {file}</translation>
    </message>
</context>
<context>
    <name>AuditForm</name>
    <message>
        <source>Audit</source>
        <translation>Аудит</translation>
    </message>
    <message>
        <source>All users</source>
        <translation>Все пользователи</translation>
    </message>
    <message>
        <source>&amp;Generate</source>
        <translation>&amp;Сформировать</translation>
    </message>
    <message>
        <source>&amp;Export to Excel…</source>
        <translation>&amp;Выгрузить в Excel…</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>Период:</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>Пользователь:</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Когда</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Пользователь</translation>
    </message>
    <message>
        <source>Object</source>
        <translation>Объект</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Действие</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Поле</translation>
    </message>
    <message>
        <source>Old value</source>
        <translation>Было</translation>
    </message>
    <message>
        <source>New value</source>
        <translation>Стало</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Создан</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>Изменён</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Удалён</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Да</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Нет</translation>
    </message>
    <message>
        <source>No changes in this period.</source>
        <translation>За этот период изменений нет.</translation>
    </message>
    <message>
        <source>Period: {start} – {end}; user: {user}</source>
        <translation>Период: {start} – {end}; пользователь: {user}</translation>
    </message>
    <message>
        <source>Export to Excel</source>
        <translation>Выгрузка в Excel</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Книга Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>Exported {count} rows to {path}.</source>
        <translation>Выгружено строк: {count}, файл {path}.</translation>
    </message>
</context>
<context>
    <name>BackupForm</name>
    <message>
        <source>Backups</source>
        <translation>Резервные копии</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Выбрать…</translation>
    </message>
    <message>
        <source>Back up daily while an administrator&apos;s client is open</source>
        <translation>Копировать ежедневно, пока открыт клиент администратора</translation>
    </message>
    <message>
        <source>&amp;Folder:</source>
        <translation>&amp;Папка:</translation>
    </message>
    <message>
        <source>&amp;Keep copies:</source>
        <translation>&amp;Хранить копий:</translation>
    </message>
    <message>
        <source>&amp;Back up now</source>
        <translation>&amp;Создать копию сейчас</translation>
    </message>
    <message>
        <source>&amp;Restore…</source>
        <translation>&amp;Восстановить…</translation>
    </message>
    <message>
        <source>&amp;Check a backup…</source>
        <translation>Про&amp;верить копию…</translation>
    </message>
    <message>
        <source>Backup folder</source>
        <translation>Папка резервных копий</translation>
    </message>
    <message>
        <source>Choose the folder backups are written to.</source>
        <translation>Выберите папку для резервных копий.</translation>
    </message>
    <message>
        <source>Backed up to {file} ({size} bytes).</source>
        <translation>Копия записана в {file} ({size} байт).</translation>
    </message>
    <message>
        <source>Restore from</source>
        <translation>Восстановить из</translation>
    </message>
    <message>
        <source>Backups (*.dump)</source>
        <translation>Резервные копии (*.dump)</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Восстановление</translation>
    </message>
    <message>
        <source>Replace all data of this infobase with the backup {file}? Changes made since it was taken are lost. Other users should close Kontora first.</source>
        <translation>Заменить все данные информационной базы копией {file}? Изменения, сделанные после её создания, будут потеряны. Остальные пользователи должны сначала закрыть Kontora.</translation>
    </message>
    <message>
        <source>Restored; schema revision {revision}. Reopen the open forms.</source>
        <translation>Восстановлено; ревизия схемы {revision}. Откройте открытые формы заново.</translation>
    </message>
    <message>
        <source>Check a backup</source>
        <translation>Проверка копии</translation>
    </message>
    <message>
        <source>The backup restores: {tables} tables, {rows} rows as taken.</source>
        <translation>Копия восстанавливается: таблиц {tables}, строк {rows}, как при создании.</translation>
    </message>
    <message>
        <source>The backup does not restore as taken: {tables}</source>
        <translation>Копия восстанавливается не так, как была создана: {tables}</translation>
    </message>
    <message>
        <source>The backup tool failed: {error}</source>
        <translation>Ошибка программы копирования: {error}</translation>
    </message>
</context>
<context>
    <name>BackupSchedule</name>
    <message>
        <source>The daily backup failed: {error}</source>
        <translation>Ежедневное резервное копирование не удалось: {error}</translation>
    </message>
</context>
<context>
    <name>BatchResult</name>
    <message numerus="yes">
        <source>{done} of %n document(s) posted; refused:</source>
        <translation>
            <numerusform>Проведено {done} из %n документа; отказано:</numerusform>
            <numerusform>Проведено {done} из %n документов; отказано:</numerusform>
            <numerusform>Проведено {done} из %n документов; отказано:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{done} of %n document(s) unposted; refused:</source>
        <translation>
            <numerusform>Отменено проведение {done} из %n документа; отказано:</numerusform>
            <numerusform>Отменено проведение {done} из %n документов; отказано:</numerusform>
            <numerusform>Отменено проведение {done} из %n документов; отказано:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{done} of %n document(s) marked for deletion; refused:</source>
        <translation>
            <numerusform>Помечено на удаление {done} из %n документа; отказано:</numerusform>
            <numerusform>Помечено на удаление {done} из %n документов; отказано:</numerusform>
            <numerusform>Помечено на удаление {done} из %n документов; отказано:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{done} of %n document(s) unmarked; refused:</source>
        <translation>
            <numerusform>Снята пометка удаления с {done} из %n документа; отказано:</numerusform>
            <numerusform>Снята пометка удаления с {done} из %n документов; отказано:</numerusform>
            <numerusform>Снята пометка удаления с {done} из %n документов; отказано:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{done} of %n item(s) marked for deletion; refused:</source>
        <translation>
            <numerusform>Помечено на удаление {done} из %n элемента; отказано:</numerusform>
            <numerusform>Помечено на удаление {done} из %n элементов; отказано:</numerusform>
            <numerusform>Помечено на удаление {done} из %n элементов; отказано:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{done} of %n item(s) unmarked; refused:</source>
        <translation>
            <numerusform>Снята пометка удаления с {done} из %n элемента; отказано:</numerusform>
            <numerusform>Снята пометка удаления с {done} из %n элементов; отказано:</numerusform>
            <numerusform>Снята пометка удаления с {done} из %n элементов; отказано:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BelowMinimumDialog</name>
    <message>
        <source>Code</source>
        <translation>Код</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Номенклатура</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>Остаток</translation>
    </message>
    <message>
        <source>Minimum</source>
        <translation>Минимум</translation>
    </message>
    <message>
        <source>Shortage</source>
        <translation>Не хватает</translation>
    </message>
    <message>
        <source>Items below minimum stock</source>
        <translation>Товары ниже минимального остатка</translation>
    </message>
</context>
<context>
    <name>CatalogForm</name>
    <message>
        <source>Save and close</source>
        <translation>Записать и закрыть</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Записать</translation>
    </message>
    <message>
        <source>Mark for deletion</source>
        <translation>Пометить на удаление</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>Перечитать</translation>
    </message>
    <message>
        <source>History</source>
        <translation>История</translation>
    </message>
    <message>
        <source>{catalog} group</source>
        <translation>{catalog} (группа)</translation>
    </message>
    <message>
        <source> (new)</source>
        <translation> (создание)</translation>
    </message>
    <message>
        <source> (loading…)</source>
        <translation> (загрузка…)</translation>
    </message>
    <message>
        <source> (marked for deletion)</source>
        <translation> (помечен на удаление)</translation>
    </message>
    <message>
        <source>Clear deletion mark</source>
        <translation>Снять пометку удаления</translation>
    </message>
    <message>
        <source>The server refused the operation: {error}</source>
        <translation>Сервер отклонил операцию: {error}</translation>
    </message>
</context>
<context>
    <name>CatalogList</name>
    <message>
        <source>Groups</source>
        <extracomment>item id (None: a new one), is it a group, the new one&apos;s initial fields (its group)</extracomment>
        <translation>Группы</translation>
    </message>
    <message>
        <source>Include &amp;subgroups</source>
        <translation>Включая &amp;подгруппы</translation>
    </message>
    <message>
        <source>Show the items of the subgroups too</source>
        <translation>Показывать и элементы подгрупп</translation>
    </message>
    <message>
        <source>All items</source>
        <translation>Все элементы</translation>
    </message>
    <message>
        <source>Create an item in the chosen group (Ins)</source>
        <translation>Создать элемент в выбранной группе (Ins)</translation>
    </message>
    <message>
        <source>Create &amp;group</source>
        <translation>Создать &amp;группу</translation>
    </message>
    <message>
        <source>Create a group in the chosen group (Ctrl+F9)</source>
        <translation>Создать группу в выбранной группе (Ctrl+F9)</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Загрузка…</translation>
    </message>
    <message>
        <source>Group: {name} and its subgroups</source>
        <translation>Группа: {name} с подгруппами</translation>
    </message>
    <message>
        <source>Group: {name}</source>
        <translation>Группа: {name}</translation>
    </message>
</context>
<context>
    <name>CatalogSections</name>
    <message>
        <source>Ins add  ·  F9 copy  ·  Del delete  ·  F4 choose</source>
        <translation>Ins добавить  ·  F9 копировать  ·  Del удалить  ·  F4 выбрать</translation>
    </message>
</context>
<context>
    <name>Chooser</name>
    <message>
        <source>Choose: {catalog}</source>
        <translation>Выбор: {catalog}</translation>
    </message>
    <message>
        <source>&amp;Create…</source>
        <translation>&amp;Создать…</translation>
    </message>
    <message>
        <source>Create a new item and choose it (Ins)</source>
        <translation>Создать новый элемент и выбрать его (Ins)</translation>
    </message>
</context>
<context>
    <name>ColumnsDialog</name>
    <message>
        <source>Columns</source>
        <translation>Колонки</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>&amp;Вверх</translation>
    </message>
    <message>
        <source>Move &amp;down</source>
        <translation>В&amp;низ</translation>
    </message>
</context>
<context>
    <name>CreateDialog</name>
    <message>
        <source>First start</source>
        <translation>Первый запуск</translation>
    </message>
    <message>
        <source>There are no infobases yet. Create one on this computer to start working; connections to a server can be added later in the list of infobases.</source>
        <translation>Информационных баз пока нет. Создайте базу на этом компьютере, чтобы начать работу; подключения к серверу можно добавить позже в списке информационных баз.</translation>
    </message>
    <message>
        <source>With &amp;demo data (a small trading company to explore)</source>
        <translation>С &amp;демо-данными (небольшая торговая компания для знакомства)</translation>
    </message>
    <message>
        <source>&amp;Empty (to enter your own company)</source>
        <translation>&amp;Пустая (для ввода данных своей компании)</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Каталог</translation>
    </message>
    <message>
        <source>Contents</source>
        <translation>Содержимое</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Имя:</translation>
    </message>
    <message>
        <source>&amp;Folder:</source>
        <translation>&amp;Каталог:</translation>
    </message>
    <message>
        <source>&amp;Create and open</source>
        <translation>&amp;Создать и открыть</translation>
    </message>
    <message>
        <source>&amp;Other options…</source>
        <translation>&amp;Другие варианты…</translation>
    </message>
    <message>
        <source>Show the list of infobases, e.g. to connect to a server</source>
        <translation>Показать список информационных баз, например чтобы подключиться к серверу</translation>
    </message>
</context>
<context>
    <name>DateKeys</name>
    <message>
        <source>= today · d/w/m/y: next day, week, month, year · Shift: back</source>
        <extracomment>key code -&gt; step kind. Qt codes other letters by their upper-case code point; В Ц Ь Н sit on the D W M Y keys of the ЙЦУКЕН layout.</extracomment>
        <translation>= сегодня · d/w/m/y: следующий день, неделя, месяц, год · Shift: назад</translation>
    </message>
</context>
<context>
    <name>DimFilter</name>
    <message>
        <source>or a group (F4)</source>
        <translation>или группа (F4)</translation>
    </message>
    <message>
        <source>{dimension}: group</source>
        <translation>{dimension}: группа</translation>
    </message>
    <message>
        <source>Clear the filter</source>
        <translation>Очистить отбор</translation>
    </message>
    <message>
        <source>Clear the filter: {dimension}</source>
        <translation>Очистить отбор: {dimension}</translation>
    </message>
    <message>
        <source>{name} (group)</source>
        <translation>{name} (группа)</translation>
    </message>
    <message>
        <source>all</source>
        <translation>все</translation>
    </message>
</context>
<context>
    <name>DocChooser</name>
    <message>
        <source>Choose: {document}</source>
        <translation>Выбор: {document}</translation>
    </message>
</context>
<context>
    <name>DocPanels</name>
    <message>
        <source>Loading…</source>
        <translation>Загрузка…</translation>
    </message>
</context>
<context>
    <name>DocRefEdit</name>
    <message>
        <source>{number} of {date}</source>
        <translation>{number} от {date}</translation>
    </message>
    <message>
        <source>{document}: F4 to choose</source>
        <translation>{document}: F4 — выбрать</translation>
    </message>
    <message>
        <source>F4 choose from the list · Shift+F4 clear</source>
        <translation>F4 — выбрать из списка · Shift+F4 — очистить</translation>
    </message>
    <message>
        <source>Choose from the list (F4)</source>
        <translation>Выбрать из списка (F4)</translation>
    </message>
</context>
<context>
    <name>DocumentCommands</name>
    <message>
        <source>Create based on</source>
        <translation>Создать на основании</translation>
    </message>
    <message>
        <source>Create a new document from this one</source>
        <translation>Создать новый документ на основании этого</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>Печать</translation>
    </message>
    <message>
        <source>Print (Ctrl+P)</source>
        <translation>Печать (Ctrl+P)</translation>
    </message>
    <message>
        <source>Nothing of a switched-on subsystem</source>
        <translation>Нет документов включённых подсистем</translation>
    </message>
    <message>
        <source>{title}: {count} documents</source>
        <translation>{title} (документов: {count})</translation>
    </message>
    <message>
        <source>{title} {number} of {date}</source>
        <translation>{title} {number} от {date}</translation>
    </message>
</context>
<context>
    <name>DocumentForm</name>
    <message>
        <source>Ins add  ·  F9 copy  ·  Del delete  ·  F4 choose</source>
        <translation>Ins добавить  ·  F9 скопировать  ·  Del удалить  ·  F4 выбрать</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Основное</translation>
    </message>
    <message>
        <source>Movements</source>
        <translation>Движения документа</translation>
    </message>
    <message>
        <source>Related documents</source>
        <translation>Связанные документы</translation>
    </message>
    <message>
        <source>History</source>
        <translation>История изменений</translation>
    </message>
    <message>
        <source>Post and close</source>
        <translation>Провести и закрыть</translation>
    </message>
    <message>
        <source>Save and close</source>
        <translation>Записать и закрыть</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Записать</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>Провести</translation>
    </message>
    <message>
        <source>Unpost</source>
        <translation>Отменить проведение</translation>
    </message>
    <message>
        <source>Mark for deletion</source>
        <translation>Пометить на удаление</translation>
    </message>
    <message>
        <source>Movements</source>
        <comment>toolbar command</comment>
        <translation>Движения</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>Перечитать</translation>
    </message>
    <message>
        <source>(new)</source>
        <translation>(создание)</translation>
    </message>
    <message>
        <source>(posted)</source>
        <translation>(проведён)</translation>
    </message>
    <message>
        <source>(marked for deletion)</source>
        <translation>(помечен на удаление)</translation>
    </message>
    <message>
        <source>Clear deletion mark</source>
        <translation>Снять пометку удаления</translation>
    </message>
    <message>
        <source>Lines: {count}</source>
        <translation>Строк: {count}</translation>
    </message>
    <message>
        <source>Advance: {amount}</source>
        <translation>Аванс: {amount}</translation>
    </message>
    <message>
        <source>Save {title} first: printing and creating documents based on it use the saved document.</source>
        <translation>Сначала запишите {title}: печать и создание документов на основании используют записанный документ.</translation>
    </message>
    <message>
        <source>Closed period</source>
        <translation>Закрытый период</translation>
    </message>
    <message>
        <source>You are an administrator: change it in the closed period anyway?</source>
        <translation>Вы администратор: всё равно изменить его в закрытом периоде?</translation>
    </message>
    <message>
        <source>{document} was changed by another user or in another window.</source>
        <translation>{document} изменён другим пользователем или в другом окне.</translation>
    </message>
    <message>
        <source>Your unsaved changes are kept; reload to see theirs.</source>
        <translation>Ваши незаписанные изменения сохранены; перечитайте документ, чтобы увидеть чужие.</translation>
    </message>
    <message>
        <source>The server refused the operation: {error}</source>
        <translation>Сервер отклонил операцию: {error}</translation>
    </message>
    <message>
        <source>Nothing was found to fill the lines with.</source>
        <translation>Не найдено ничего, чем заполнить строки.</translation>
    </message>
    <message numerus="yes">
        <source>%n line(s) filled in.</source>
        <translation>
            <numerusform>Заполнена %n строка.</numerusform>
            <numerusform>Заполнено %n строки.</numerusform>
            <numerusform>Заполнено %n строк.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DrillDialog</name>
    <message>
        <source>Movements: {register} — {what}</source>
        <translation>Движения: {register} — {what}</translation>
    </message>
    <message>
        <source>Reading the movements…</source>
        <translation>Чтение движений…</translation>
    </message>
    <message>
        <source>Movements</source>
        <translation>Движения</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Документ</translation>
    </message>
    <message numerus="yes">
        <source>%n movement(s); Enter or a double click opens the document</source>
        <translation>
            <numerusform>%n движение; Enter или двойной щелчок открывает документ</numerusform>
            <numerusform>%n движения; Enter или двойной щелчок открывает документ</numerusform>
            <numerusform>%n движений; Enter или двойной щелчок открывает документ</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EntryDialog</name>
    <message>
        <source>Edit infobase</source>
        <translation>Изменение информационной базы</translation>
    </message>
    <message>
        <source>Add infobase</source>
        <translation>Добавление информационной базы</translation>
    </message>
    <message>
        <source>On &amp;this computer (embedded)</source>
        <translation>На &amp;этом компьютере (встроенная)</translation>
    </message>
    <message>
        <source>On a &amp;server</source>
        <translation>На &amp;сервере</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Каталог</translation>
    </message>
    <message>
        <source>server name or address</source>
        <translation>имя или адрес сервера</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Имя:</translation>
    </message>
    <message>
        <source>Where:</source>
        <translation>Где:</translation>
    </message>
    <message>
        <source>Embedded infobase</source>
        <translation>Встроенная информационная база</translation>
    </message>
    <message>
        <source>&amp;Folder:</source>
        <translation>&amp;Каталог:</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Сервер</translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation>С&amp;ервер:</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>&amp;Порт:</translation>
    </message>
    <message>
        <source>&amp;Database:</source>
        <translation>&amp;База данных:</translation>
    </message>
    <message>
        <source>Enter the server&apos;s host and the database name.</source>
        <translation>Укажите сервер и имя базы данных.</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Copy details</source>
        <translation>Копировать подробности</translation>
    </message>
    <message>
        <source>Something went wrong: {error}</source>
        <translation>Что-то пошло не так: {error}</translation>
    </message>
</context>
<context>
    <name>Excel</name>
    <message>
        <source>Posted</source>
        <translation>Проведён</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Да</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Итого</translation>
    </message>
    <message>
        <source>Export to Excel</source>
        <translation>Выгрузить в Excel</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Книга Excel (*.xlsx)</translation>
    </message>
</context>
<context>
    <name>Favorites</name>
    <message>
        <source>F&amp;avorites</source>
        <translation>&amp;Избранное</translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation>Ис&amp;тория</translation>
    </message>
    <message>
        <source>Add to favorites</source>
        <translation>Добавить в избранное</translation>
    </message>
    <message>
        <source>Add to favorites (Ctrl+D)</source>
        <translation>Добавить в избранное (Ctrl+D)</translation>
    </message>
    <message>
        <source>Favorites…</source>
        <translation>Избранное…</translation>
    </message>
    <message>
        <source>History…</source>
        <translation>История…</translation>
    </message>
    <message>
        <source>Only a list or a saved document can be added to favorites.</source>
        <translation>В избранное можно добавить только список или записанный документ.</translation>
    </message>
    <message>
        <source>Remove from favorites</source>
        <translation>Удалить из избранного</translation>
    </message>
    <message>
        <source>Remove from favorites (Ctrl+D)</source>
        <translation>Удалить из избранного (Ctrl+D)</translation>
    </message>
    <message>
        <source>No favorites yet (Ctrl+D adds one)</source>
        <translation>Избранное пусто (Ctrl+D добавляет)</translation>
    </message>
    <message>
        <source>Nothing opened yet</source>
        <translation>Пока ничего не открывалось</translation>
    </message>
    <message>
        <source>{title} is not available: its subsystem is switched off.</source>
        <translation>{title} недоступно: подсистема отключена.</translation>
    </message>
</context>
<context>
    <name>FieldsForm</name>
    <message>
        <source>Additional fields</source>
        <translation>Дополнительные реквизиты</translation>
    </message>
    <message>
        <source>String</source>
        <translation>Строка</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Число</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Ссылка</translation>
    </message>
    <message>
        <source>Choice</source>
        <translation>Выбор</translation>
    </message>
    <message>
        <source>Catalog: {title}</source>
        <translation>Справочник: {title}</translation>
    </message>
    <message>
        <source>Document: {title}</source>
        <translation>Документ: {title}</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Заголовок</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Колонка</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Тип</translation>
    </message>
    <message>
        <source>&amp;Remove the field…</source>
        <translation>&amp;Удалить реквизит…</translation>
    </message>
    <message>
        <source>key=Title, key=Title</source>
        <translation>ключ=Заголовок, ключ=Заголовок</translation>
    </message>
    <message>
        <source>&amp;Add the field</source>
        <translation>&amp;Добавить реквизит</translation>
    </message>
    <message>
        <source>&amp;Object:</source>
        <translation>&amp;Объект:</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Заголовок:</translation>
    </message>
    <message>
        <source>&amp;Name (a-z, 0-9, _):</source>
        <translation>&amp;Имя (a-z, 0-9, _):</translation>
    </message>
    <message>
        <source>T&amp;ype:</source>
        <translation>&amp;Тип:</translation>
    </message>
    <message>
        <source>&amp;Length:</source>
        <translation>&amp;Длина:</translation>
    </message>
    <message>
        <source>&amp;Digits:</source>
        <translation>&amp;Разрядов:</translation>
    </message>
    <message>
        <source>D&amp;ecimals:</source>
        <translation>Д&amp;робных:</translation>
    </message>
    <message>
        <source>&amp;Catalog:</source>
        <translation>&amp;Справочник:</translation>
    </message>
    <message>
        <source>O&amp;ptions:</source>
        <translation>&amp;Варианты:</translation>
    </message>
    <message>
        <source>Give the field a title.</source>
        <translation>Укажите заголовок реквизита.</translation>
    </message>
    <message>
        <source>Done: {field}. Forms opened from now on show it; reopen the open ones.</source>
        <translation>Готово: {field}. Новые формы покажут изменение; открытые откройте заново.</translation>
    </message>
    <message>
        <source>Remove the field</source>
        <translation>Удаление реквизита</translation>
    </message>
    <message>
        <source>Remove the field {field}? Its values ({count}) are deleted and cannot be restored.</source>
        <translation>Удалить реквизит {field}? Его значения ({count}) будут удалены без возможности восстановления.</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>All dates</source>
        <translation>Все даты</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Сегодня</translation>
    </message>
    <message>
        <source>This week</source>
        <translation>Эта неделя</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>Этот месяц</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Последние 30 дней</translation>
    </message>
    <message>
        <source>This year</source>
        <translation>Этот год</translation>
    </message>
    <message>
        <source>Custom period</source>
        <translation>Произвольный период</translation>
    </message>
    <message>
        <source>Posted and not</source>
        <translation>Проведённые и нет</translation>
    </message>
    <message>
        <source>Posted</source>
        <translation>Проведённые</translation>
    </message>
    <message>
        <source>Not posted</source>
        <translation>Непроведённые</translation>
    </message>
    <message>
        <source>Posted state</source>
        <translation>Проведение</translation>
    </message>
    <message>
        <source>Hide &amp;marked</source>
        <translation>Скрыть &amp;помеченные</translation>
    </message>
    <message>
        <source>Hide the rows marked for deletion</source>
        <translation>Скрыть строки, помеченные на удаление</translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation>&amp;Период:</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Период</translation>
    </message>
    <message>
        <source>Period ({keys})</source>
        <translation>Период ({keys})</translation>
    </message>
    <message>
        <source>Period from</source>
        <translation>Начало периода</translation>
    </message>
    <message>
        <source>Period to</source>
        <translation>Конец периода</translation>
    </message>
    <message>
        <source>Filter by {field}</source>
        <translation>Отбор: {field}</translation>
    </message>
    <message>
        <source>Only rows with this {field} (F4 chooses, Shift+F4 clears)</source>
        <translation>Только строки с этим значением «{field}» (F4 — выбрать, Shift+F4 — очистить)</translation>
    </message>
    <message>
        <source>Period: {start} – {end}</source>
        <translation>Период: {start} – {end}</translation>
    </message>
    <message>
        <source>Posted state: {state}</source>
        <translation>Проведение: {state}</translation>
    </message>
    <message>
        <source>Rows marked for deletion are hidden</source>
        <translation>Строки, помеченные на удаление, скрыты</translation>
    </message>
</context>
<context>
    <name>FolderField</name>
    <message>
        <source>B&amp;rowse…</source>
        <translation>&amp;Обзор…</translation>
    </message>
    <message>
        <source>Browse for the {what}</source>
        <translation>Выбрать: {what}</translation>
    </message>
    <message>
        <source>Folder of the infobase</source>
        <translation>Каталог информационной базы</translation>
    </message>
</context>
<context>
    <name>FormErrors</name>
    <message>
        <source>No {field} is named “{text}”</source>
        <translation>Нет значения «{text}» (поле «{field}»)</translation>
    </message>
    <message>
        <source>Line {n}: choose a {field} from the list</source>
        <translation>Строка {n}: выберите значение поля «{field}» из списка</translation>
    </message>
    <message>
        <source>Some references do not name an item: choose them (F4).</source>
        <translation>Некоторые ссылки не указывают на элемент: выберите их (F4).</translation>
    </message>
</context>
<context>
    <name>Formatting</name>
    <message>
        <source>Yes</source>
        <translation>Да</translation>
    </message>
</context>
<context>
    <name>GlobalSearch</name>
    <message>
        <source>{kind} {number} of {date}</source>
        <translation>{kind} {number} от {date}</translation>
    </message>
    <message>
        <source>Search everything (Ctrl+F)</source>
        <translation>Поиск везде (Ctrl+F)</translation>
    </message>
    <message>
        <source>Search everything</source>
        <translation>Поиск везде</translation>
    </message>
    <message>
        <source>Clear search</source>
        <translation>Очистить поиск</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>Результаты поиска</translation>
    </message>
    <message>
        <source>Nothing found for “{text}”</source>
        <translation>По запросу «{text}» ничего не найдено</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Поиск</translation>
    </message>
</context>
<context>
    <name>HeaderFields</name>
    <message>
        <source>assigned on saving</source>
        <extracomment>An optional date left empty: the editor&apos;s minimum, shown blank (Qt&apos;s special value text).</extracomment>
        <translation>присваивается при записи</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <source>History: {item}</source>
        <translation>История: {item}</translation>
    </message>
    <message>
        <source>&amp;Restore this version</source>
        <translation>&amp;Восстановить эту версию</translation>
    </message>
    <message>
        <source>Save the item as it was after the selected change (a new version)</source>
        <translation>Записать элемент таким, каким он был после выбранного изменения (новая версия)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <source>Select a change: its version is restored.</source>
        <translation>Выберите изменение: будет восстановлена его версия.</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Восстановление</translation>
    </message>
    <message>
        <source>Save {catalog} as it was after the change of {when} by {user}?</source>
        <translation>Записать «{catalog}» таким, каким он был после изменения {when} пользователем {user}?</translation>
    </message>
    <message>
        <source>Restored as version {version}.</source>
        <translation>Восстановлено как версия {version}.</translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message>
        <source>When</source>
        <translation>Когда</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Пользователь</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Действие</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Поле</translation>
    </message>
    <message>
        <source>Old value</source>
        <translation>Было</translation>
    </message>
    <message>
        <source>New value</source>
        <translation>Стало</translation>
    </message>
    <message>
        <source>Change history</source>
        <translation>История изменений</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Создание</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>Изменение</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Удаление</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Да</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Нет</translation>
    </message>
    <message>
        <source>(no changes)</source>
        <translation>(без изменений)</translation>
    </message>
    <message>
        <source>No changes are recorded.</source>
        <translation>Изменения не зарегистрированы.</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import from Excel: %1</source>
        <translation>Загрузка из Excel: %1</translation>
    </message>
    <message>
        <source>Choose an .xlsx or .csv file</source>
        <translation>Выберите файл .xlsx или .csv</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Обзор…</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>Файл:</translation>
    </message>
    <message>
        <source>Sheet:</source>
        <translation>Лист:</translation>
    </message>
    <message>
        <source>Balances on:</source>
        <translation>Остатки на:</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Поле</translation>
    </message>
    <message>
        <source>Sheet column</source>
        <translation>Колонка листа</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>Колонки</translation>
    </message>
    <message>
        <source>Preview (first %1 rows)</source>
        <translation>Просмотр (первые %1 строк)</translation>
    </message>
    <message>
        <source>All or nothing: store nothing if any row is refused</source>
        <translation>Всё или ничего: не записывать ничего, если есть ошибочная строка</translation>
    </message>
    <message>
        <source>Only valid rows: store each good row whole</source>
        <translation>Только верные строки: каждая верная строка записывается целиком</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>Строка</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Колонка</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Значение</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Причина</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Загрузить</translation>
    </message>
    <message>
        <source>Save refusals…</source>
        <translation>Сохранить отказы…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <source>Import from Excel</source>
        <translation>Загрузка из Excel</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.csv)</source>
        <translation>Таблицы (*.xlsx *.csv)</translation>
    </message>
    <message>
        <source>Cannot read the file: %1</source>
        <translation>Не удалось прочитать файл: %1</translation>
    </message>
    <message>
        <source>%1 rows in the sheet.</source>
        <translation>Строк на листе: %1.</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Группа</translation>
    </message>
    <message>
        <source>— not imported —</source>
        <translation>— не загружать —</translation>
    </message>
    <message>
        <source>Column %1</source>
        <translation>Колонка %1</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Ошибки</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Загрузка…</translation>
    </message>
    <message>
        <source>Imported %1 rows; refused %2.</source>
        <translation>Загружено строк: %1; отклонено: %2.</translation>
    </message>
    <message>
        <source>Nothing was stored (all or nothing): %2 rows refused.</source>
        <translation>Ничего не записано (всё или ничего): отклонено строк: %2.</translation>
    </message>
    <message>
        <source>Save refusals</source>
        <translation>Сохранить отказы</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Книга Excel (*.xlsx)</translation>
    </message>
</context>
<context>
    <name>ImportMenu</name>
    <message>
        <source>&amp;Import from Excel</source>
        <translation>&amp;Загрузка из Excel</translation>
    </message>
    <message>
        <source>&amp;Import from Excel…</source>
        <extracomment>the lists that offer &quot;Import from Excel…&quot;: (kind, name) -&gt; import target</extracomment>
        <translation>&amp;Загрузить из Excel…</translation>
    </message>
    <message>
        <source>Load rows from an .xlsx or .csv file</source>
        <translation>Загрузить строки из файла .xlsx или .csv</translation>
    </message>
</context>
<context>
    <name>Infobases</name>
    <message>
        <source>My company</source>
        <translation>Моя компания</translation>
    </message>
    <message>
        <source>{database} on {server}</source>
        <translation>{database} на {server}</translation>
    </message>
    <message>
        <source>The infobase list {path} cannot be read: {error}</source>
        <translation>Не удалось прочитать список информационных баз {path}: {error}</translation>
    </message>
    <message>
        <source>Enter a name for the infobase.</source>
        <translation>Укажите имя информационной базы.</translation>
    </message>
    <message>
        <source>The name is too long (at most {count} characters).</source>
        <translation>Имя слишком длинное (не более {count} символов).</translation>
    </message>
    <message>
        <source>The name cannot contain line breaks or control characters.</source>
        <translation>Имя не может содержать переводы строк и управляющие символы.</translation>
    </message>
    <message>
        <source>There is already an infobase named “{name}”.</source>
        <translation>Информационная база «{name}» уже есть.</translation>
    </message>
    <message>
        <source>Unknown infobase kind {kind}.</source>
        <translation>Неизвестный вид информационной базы {kind}.</translation>
    </message>
    <message>
        <source>Enter the server address of the infobase.</source>
        <translation>Укажите адрес сервера информационной базы.</translation>
    </message>
    <message>
        <source>Enter the folder of the infobase.</source>
        <translation>Укажите каталог информационной базы.</translation>
    </message>
    <message>
        <source>There is no infobase named “{name}”.</source>
        <translation>Информационной базы «{name}» нет.</translation>
    </message>
</context>
<context>
    <name>InteractionMail</name>
    <message>
        <source>Fill from template</source>
        <translation>Заполнить по шаблону</translation>
    </message>
    <message>
        <source>Send e-mail</source>
        <translation>Отправить письмо</translation>
    </message>
</context>
<context>
    <name>ItemCreate</name>
    <message>
        <source>Create</source>
        <translation>Создать</translation>
    </message>
    <message>
        <source>Create a document or an item of this one</source>
        <translation>Создать документ или элемент на основании этого</translation>
    </message>
    <message>
        <source>Save the item first.</source>
        <translation>Сначала запишите элемент.</translation>
    </message>
</context>
<context>
    <name>JobProgress</name>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
</context>
<context>
    <name>KeyFigures</name>
    <message>
        <source>Sales today</source>
        <translation>Продажи сегодня</translation>
    </message>
    <message>
        <source>Orders to ship</source>
        <translation>Заказы к отгрузке</translation>
    </message>
    <message>
        <source>Customers owe us</source>
        <translation>Долги клиентов</translation>
    </message>
    <message>
        <source>We owe suppliers</source>
        <translation>Наши долги поставщикам</translation>
    </message>
    <message>
        <source>Open deals</source>
        <translation>Открытые сделки</translation>
    </message>
    <message>
        <source>Items below minimum stock</source>
        <translation>Товары ниже минимального остатка</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <source>System language</source>
        <translation>Язык системы</translation>
    </message>
</context>
<context>
    <name>Launcher</name>
    <message>
        <source>Error</source>
        <translation>Ошибка</translation>
    </message>
    <message>
        <source>It was kept as {file}.</source>
        <translation>Он сохранён как {file}.</translation>
    </message>
    <message>
        <source>It was left as it is.</source>
        <translation>Он оставлен как есть.</translation>
    </message>
    <message>
        <source>{error}

{kept} Starting with an empty list.</source>
        <translation>{error}

{kept} Работа начнётся с пустого списка.</translation>
    </message>
</context>
<context>
    <name>LauncherDialog</name>
    <message>
        <source>Infobases</source>
        <translation>Информационные базы</translation>
    </message>
    <message>
        <source>&amp;Infobases:</source>
        <translation>&amp;Информационные базы:</translation>
    </message>
    <message>
        <source>No infobases yet: add one with “Add…”.</source>
        <translation>Информационных баз пока нет: добавьте базу кнопкой «Добавить…».</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Открыть</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Добавить…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Изменить…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Удалить</translation>
    </message>
    <message>
        <source>E&amp;xit</source>
        <translation>&amp;Выход</translation>
    </message>
    <message>
        <source>server</source>
        <translation>сервер</translation>
    </message>
    <message>
        <source>on this computer</source>
        <translation>на этом компьютере</translation>
    </message>
    <message>
        <source>{name} — {kind}: {where}</source>
        <translation>{name} — {kind}: {where}</translation>
    </message>
    <message>
        <source>Remove “{name}” from the list?

Only the list entry is removed; the database on the server is kept.</source>
        <translation>Удалить «{name}» из списка?

Удаляется только строка списка; база данных на сервере сохранится.</translation>
    </message>
    <message>
        <source>Remove “{name}” from the list?

Only the list entry is removed; the folder {folder} is kept.</source>
        <translation>Удалить «{name}» из списка?

Удаляется только строка списка; каталог {folder} сохранится.</translation>
    </message>
    <message>
        <source>Remove infobase</source>
        <translation>Удаление информационной базы</translation>
    </message>
</context>
<context>
    <name>LinesModel</name>
    <message>
        <source>No {field} is named “{name}”</source>
        <extracomment>A section the form computes (a payroll sheet&apos;s per-employee summary): no cell is editable and no row is added, copied or deleted by hand.</extracomment>
        <translation>Нет значения «{name}» (поле «{field}»)</translation>
    </message>
    <message>
        <source>{field}: “{text}” is not a number</source>
        <translation>{field}: «{text}» — не число</translation>
    </message>
</context>
<context>
    <name>ListColumns</name>
    <message>
        <source>Columns…</source>
        <translation>Колонки…</translation>
    </message>
    <message>
        <source>Reset columns</source>
        <translation>Стандартные колонки</translation>
    </message>
</context>
<context>
    <name>ListCommands</name>
    <message>
        <source>&amp;Post</source>
        <translation>&amp;Провести</translation>
    </message>
    <message>
        <source>Post the selected documents</source>
        <translation>Провести выделенные документы</translation>
    </message>
    <message>
        <source>&amp;Unpost</source>
        <translation>&amp;Отменить проведение</translation>
    </message>
    <message>
        <source>Cancel posting of the selected documents</source>
        <translation>Отменить проведение выделенных документов</translation>
    </message>
    <message>
        <source>&amp;Mark for deletion</source>
        <translation>Пометить на &amp;удаление</translation>
    </message>
    <message>
        <source>Set or clear the deletion mark of the selected rows (Del)</source>
        <translation>Установить или снять пометку удаления выделенных строк (Del)</translation>
    </message>
    <message>
        <source>E&amp;xport to Excel…</source>
        <translation>&amp;Выгрузить в Excel…</translation>
    </message>
    <message>
        <source>Save the list as an xlsx file</source>
        <translation>Сохранить список в файл xlsx</translation>
    </message>
    <message>
        <source>Working…</source>
        <extracomment>lines an export writes above the filters (a hierarchical catalog: the chosen group)</extracomment>
        <translation>Выполняется…</translation>
    </message>
    <message numerus="yes">
        <source>Mark %n documents for deletion?</source>
        <translation>
            <numerusform>Пометить на удаление %n документ?</numerusform>
            <numerusform>Пометить на удаление %n документа?</numerusform>
            <numerusform>Пометить на удаление %n документов?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Clear the deletion mark of %n documents?</source>
        <translation>
            <numerusform>Снять пометку удаления с %n документа?</numerusform>
            <numerusform>Снять пометку удаления с %n документов?</numerusform>
            <numerusform>Снять пометку удаления с %n документов?</numerusform>
        </translation>
    </message>
    <message>
        <source>Mark document {number} for deletion?</source>
        <translation>Пометить на удаление документ {number}?</translation>
    </message>
    <message>
        <source>Clear the deletion mark of document {number}?</source>
        <translation>Снять пометку удаления с документа {number}?</translation>
    </message>
    <message>
        <source>Deletion mark</source>
        <translation>Пометка удаления</translation>
    </message>
    <message>
        <source>{count} items</source>
        <translation>элементы ({count})</translation>
    </message>
    <message>
        <source>«{name}»</source>
        <translation>«{name}»</translation>
    </message>
    <message>
        <source>Mark {what} for deletion?</source>
        <translation>Пометить на удаление {what}?</translation>
    </message>
    <message>
        <source>Clear the deletion mark of {what}?</source>
        <translation>Снять пометку удаления: {what}?</translation>
    </message>
    <message>
        <source>Export to Excel</source>
        <translation>Выгрузка в Excel</translation>
    </message>
    <message>
        <source>Exporting rows…</source>
        <translation>Выгрузка строк…</translation>
    </message>
    <message>
        <source>Search: {text}</source>
        <translation>Поиск: {text}</translation>
    </message>
    <message>
        <source>Sorted by {column} (descending)</source>
        <translation>Сортировка: {column} (по убыванию)</translation>
    </message>
    <message>
        <source>Sorted by {column}</source>
        <translation>Сортировка: {column}</translation>
    </message>
    <message numerus="yes">
        <source>Exported {done} of %n rows…</source>
        <translation>
            <numerusform>Выгружено {done} из %n строки…</numerusform>
            <numerusform>Выгружено {done} из %n строк…</numerusform>
            <numerusform>Выгружено {done} из %n строк…</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Create</source>
        <translation>&amp;Создать</translation>
    </message>
    <message>
        <source>Create a new one (Ins)</source>
        <translation>Создать новый элемент (Ins)</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n row(s) to {file}</source>
        <translation>
            <numerusform>Выгружена %n строка в {file}</numerusform>
            <numerusform>Выгружено %n строки в {file}</numerusform>
            <numerusform>Выгружено %n строк в {file}</numerusform>
        </translation>
    </message>
    <message>
        <source>Export cancelled</source>
        <translation>Выгрузка отменена</translation>
    </message>
    <message>
        <source>The export failed: {error}</source>
        <translation>Выгрузка не удалась: {error}</translation>
    </message>
</context>
<context>
    <name>ListForm</name>
    <message>
        <source>Search</source>
        <extracomment>Rows (besides the visible ones) the columns are fitted to: fitting them to a whole first page asked the model for every cell of its 200 rows — most of a list&apos;s opening time.</extracomment>
        <translation>Поиск</translation>
    </message>
    <message>
        <source>Refresh (F5)</source>
        <translation>Обновить (F5)</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Обновить</translation>
    </message>
    <message>
        <source>Select all rows</source>
        <translation>Выделить все строки</translation>
    </message>
    <message>
        <source>Clear search</source>
        <translation>Очистить поиск</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Загрузка…</translation>
    </message>
    <message>
        <source>End of the list</source>
        <translation>Конец списка</translation>
    </message>
    <message numerus="yes">
        <source>Rows: %n</source>
        <translation>
            <numerusform>Строк: %n</numerusform>
            <numerusform>Строк: %n</numerusform>
            <numerusform>Строк: %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Rows: %n+</source>
        <translation>
            <numerusform>Строк: %n+</numerusform>
            <numerusform>Строк: %n+</numerusform>
            <numerusform>Строк: %n+</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ListModel</name>
    <message>
        <source>Could not load the list: {error}</source>
        <translation>Не удалось загрузить список: {error}</translation>
    </message>
    <message>
        <source>Posted</source>
        <translation>Проведён</translation>
    </message>
    <message>
        <source>Not posted</source>
        <translation>Не проведён</translation>
    </message>
    <message>
        <source>Marked for deletion</source>
        <translation>Помечен на удаление</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Группа</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Log in — {name}</source>
        <translation>Вход — {name}</translation>
    </message>
    <message>
        <source>Infobase: &lt;b&gt;{name}&lt;/b&gt;&lt;br&gt;{where}</source>
        <translation>Информационная база: &lt;b&gt;{name}&lt;/b&gt;&lt;br&gt;{where}</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Пользователь</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Пароль</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>&amp;Пользователь:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>П&amp;ароль:</translation>
    </message>
    <message>
        <source>&amp;Log in</source>
        <translation>&amp;Войти</translation>
    </message>
</context>
<context>
    <name>MailForm</name>
    <message>
        <source>Mail server</source>
        <translation>Почтовый сервер</translation>
    </message>
    <message>
        <source>(unchanged)</source>
        <translation>(не изменён)</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Нет</translation>
    </message>
    <message>
        <source>STARTTLS</source>
        <translation>STARTTLS</translation>
    </message>
    <message>
        <source>SSL/TLS</source>
        <translation>SSL/TLS</translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation>&amp;Сервер:</translation>
    </message>
    <message>
        <source>P&amp;ort:</source>
        <translation>П&amp;орт:</translation>
    </message>
    <message>
        <source>&amp;Security:</source>
        <translation>&amp;Защита:</translation>
    </message>
    <message>
        <source>&amp;Login:</source>
        <translation>&amp;Логин:</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>Па&amp;роль:</translation>
    </message>
    <message>
        <source>Se&amp;nder (From):</source>
        <translation>&amp;Отправитель (From):</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Записать</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Записано.</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>the default infobase</source>
        <translation>информационная база по умолчанию</translation>
    </message>
    <message>
        <source>Could not open the infobase: {reason}</source>
        <translation>Не удалось открыть информационную базу: {reason}</translation>
    </message>
    <message>
        <source>--open: {name} is switched off</source>
        <translation>--open: {name} отключено</translation>
    </message>
    <message>
        <source>--open: no document or catalog {name}</source>
        <translation>--open: нет документа или справочника {name}</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>Вход</translation>
    </message>
    <message>
        <source>Password of {user} for {infobase}:</source>
        <translation>Пароль пользователя {user} для {infobase}:</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Connection to the server lost — reconnecting… (attempt {n})</source>
        <translation>Соединение с сервером потеряно — переподключение… (попытка {n})</translation>
    </message>
    <message>
        <source>Connection restored</source>
        <translation>Соединение восстановлено</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Соединение</translation>
    </message>
    <message>
        <source>Sections</source>
        <translation>Разделы</translation>
    </message>
    <message>
        <source>Navigation</source>
        <translation>Панель навигации</translation>
    </message>
    <message>
        <source>Workspace</source>
        <translation>Рабочая область</translation>
    </message>
    <message>
        <source>Choose a list in the navigation panel on the left.</source>
        <translation>Выберите список в панели навигации слева.</translation>
    </message>
    <message>
        <source>Infobase: {title}</source>
        <translation>Информационная база: {title}</translation>
    </message>
    <message>
        <source>User: {user}</source>
        <translation>Пользователь: {user}</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>Выполняется…</translation>
    </message>
    <message>
        <source>Working</source>
        <translation>Выполняется</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <source>Close tab</source>
        <translation>Закрыть вкладку</translation>
    </message>
    <message>
        <source>E&amp;xit</source>
        <translation>В&amp;ыход</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Вид</translation>
    </message>
    <message>
        <source>Reload sections</source>
        <translation>Обновить разделы</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>Начальная страница</translation>
    </message>
    <message>
        <source>The fields of {objects} changed: reopen their open forms to see them.</source>
        <translation>Реквизиты объектов «{objects}» изменились: откройте их формы заново.</translation>
    </message>
    <message>
        <source>Open {title}</source>
        <translation>Открыть «{title}»</translation>
    </message>
    <message>
        <source>Open the list {title}</source>
        <translation>Открыть список «{title}»</translation>
    </message>
    <message>
        <source>Close {title}</source>
        <translation>Закрыть «{title}»</translation>
    </message>
    <message>
        <source>Close {title} (Ctrl+W)</source>
        <translation>Закрыть «{title}» (Ctrl+W)</translation>
    </message>
    <message>
        <source>Retry now</source>
        <translation>Повторить сейчас</translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <source>Hide the message</source>
        <translation>Скрыть сообщение</translation>
    </message>
    <message>
        <source>Information</source>
        <translation>Информация</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Ошибка</translation>
    </message>
</context>
<context>
    <name>MovementsPanel</name>
    <message>
        <source>Save and post the document to see its movements.</source>
        <translation>Запишите и проведите документ, чтобы увидеть его движения.</translation>
    </message>
    <message>
        <source>The document has no register movements.</source>
        <translation>Документ не имеет движений по регистрам.</translation>
    </message>
    <message>
        <source>{register} movements</source>
        <translation>Движения: {register}</translation>
    </message>
</context>
<context>
    <name>MyTasksForm</name>
    <message>
        <source>My tasks</source>
        <translation>Мои задачи</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Срок</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Задача</translation>
    </message>
    <message>
        <source>Partner</source>
        <translation>Партнёр</translation>
    </message>
    <message>
        <source>Deal</source>
        <translation>Сделка</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Выполнена</translation>
    </message>
    <message>
        <source>Show done</source>
        <translation>Показывать выполненные</translation>
    </message>
    <message>
        <source>&amp;Done</source>
        <translation>&amp;Выполнено</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Открыть</translation>
    </message>
</context>
<context>
    <name>ObjectForm</name>
    <message>
        <source>{what} has unsaved changes. Save them?</source>
        <translation>{what}: есть незаписанные изменения. Записать их?</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>Перечитать</translation>
    </message>
    <message>
        <source>Discard your changes and load the object as saved on the server?</source>
        <translation>Отменить ваши изменения и загрузить объект в том виде, в каком он записан на сервере?</translation>
    </message>
</context>
<context>
    <name>PayRatesForm</name>
    <message>
        <source>Pay rates</source>
        <translation>Оклады и тарифы</translation>
    </message>
    <message>
        <source>&amp;Accrual type:</source>
        <translation>&amp;Вид начисления:</translation>
    </message>
    <message>
        <source>&amp;On:</source>
        <translation>&amp;На дату:</translation>
    </message>
    <message>
        <source>Type a value to set it from the chosen date on</source>
        <translation>Введите значение, чтобы установить его с выбранной даты</translation>
    </message>
    <message>
        <source>Percent</source>
        <translation>Процент</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Сумма</translation>
    </message>
    <message>
        <source>Employee</source>
        <translation>Сотрудник</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Подразделение</translation>
    </message>
    <message>
        <source>Valid from</source>
        <translation>Действует с</translation>
    </message>
    <message>
        <source>{type} on {date}</source>
        <translation>{type} на {date}</translation>
    </message>
    <message>
        <source>Set from {date} on.</source>
        <translation>Установлено с {date}.</translation>
    </message>
</context>
<context>
    <name>PeriodForm</name>
    <message>
        <source>Period closing</source>
        <translation>Закрытие периода</translation>
    </message>
    <message>
        <source>All organizations</source>
        <translation>Все организации</translation>
    </message>
    <message>
        <source>Closed up to</source>
        <translation>Закрыт по</translation>
    </message>
    <message>
        <source>&amp;Close the period</source>
        <translation>&amp;Закрыть период</translation>
    </message>
    <message>
        <source>Close every period up to this date (Ctrl+S)</source>
        <translation>Закрыть все периоды по эту дату (Ctrl+S)</translation>
    </message>
    <message>
        <source>&amp;Open all periods</source>
        <translation>&amp;Открыть все периоды</translation>
    </message>
    <message>
        <source>&amp;Organization:</source>
        <translation>&amp;Организация:</translation>
    </message>
    <message>
        <source>Closed &amp;up to (inclusive):</source>
        <translation>Закрыт &amp;по (включительно):</translation>
    </message>
    <message>
        <source>Documents dated on or before this day can no longer be changed, posted or unposted. An organization&apos;s own date replaces the one for all organizations; an administrator may still change such a document after confirming it.</source>
        <translation>Документы, датированные этим днём или раньше, больше нельзя изменить, провести или отменить проведение. Собственная дата организации заменяет общую для всех организаций; администратор может изменить такой документ, подтвердив это.</translation>
    </message>
    <message>
        <source>No date of its own: the one for all organizations.</source>
        <translation>Своей даты нет: действует общая для всех организаций.</translation>
    </message>
    <message>
        <source>All periods are open.</source>
        <translation>Все периоды открыты.</translation>
    </message>
    <message>
        <source>Periods are closed up to {date}.</source>
        <translation>Периоды закрыты по {date}.</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Записано.</translation>
    </message>
</context>
<context>
    <name>PictureEdit</name>
    <message>
        <source>Choose a picture</source>
        <translation>Выберите картинку</translation>
    </message>
    <message>
        <source>Pictures (*.png *.jpg *.jpeg)</source>
        <translation>Картинки (*.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>Выбрать файл…</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Очистить</translation>
    </message>
    <message>
        <source>{file} is not a PNG or JPEG picture</source>
        <translation>{file} — не картинка PNG или JPEG</translation>
    </message>
    <message>
        <source>{file} is {size} KB; a picture may be at most {max_kb} KB</source>
        <translation>{file}: {size} КБ; картинка может быть не больше {max_kb} КБ</translation>
    </message>
    <message>
        <source>No picture</source>
        <translation>Нет картинки</translation>
    </message>
</context>
<context>
    <name>PricesForm</name>
    <message>
        <source>Prices</source>
        <translation>Цены</translation>
    </message>
    <message>
        <source>Price type</source>
        <translation>Вид цены</translation>
    </message>
    <message>
        <source>Prices on</source>
        <translation>Цены на дату</translation>
    </message>
    <message>
        <source>Search by name, code or SKU</source>
        <translation>Поиск по наименованию, коду или артикулу</translation>
    </message>
    <message>
        <source>Price &amp;type:</source>
        <translation>&amp;Вид цены:</translation>
    </message>
    <message>
        <source>Prices &amp;on:</source>
        <translation>Цены &amp;на:</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Номенклатура</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>Артикул</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Цена</translation>
    </message>
    <message>
        <source>Valid from</source>
        <translation>Действует с</translation>
    </message>
    <message>
        <source>Type a price to set it from the chosen date on (Enter or F2 edits it)</source>
        <translation>Введите цену, чтобы установить её с выбранной даты (Enter или F2 — изменить)</translation>
    </message>
    <message>
        <source>{type} on {date}</source>
        <translation>{type} на {date}</translation>
    </message>
    <message>
        <source>The price is set from {date} on.</source>
        <translation>Цена установлена с {date}.</translation>
    </message>
</context>
<context>
    <name>PrintForm</name>
    <message>
        <source>{title} No. {number} of {date}</source>
        <translation>{title} № {number} от {date}</translation>
    </message>
    <message>
        <source>Page {page} of {pages}</source>
        <translation>Страница {page} из {pages}</translation>
    </message>
    <message>
        <source>Payroll statement</source>
        <translation>Платёжная ведомость</translation>
    </message>
    <message>
        <source>Payslips</source>
        <translation>Расчётные листки</translation>
    </message>
    <message>
        <source>Payroll statement No. {number} for {month}</source>
        <translation>Платёжная ведомость № {number} за {month}</translation>
    </message>
    <message>
        <source>Payslip for {month}</source>
        <translation>Расчётный листок за {month}</translation>
    </message>
    <message>
        <source>Organization</source>
        <translation>Организация</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Подразделение</translation>
    </message>
    <message>
        <source>Employee</source>
        <translation>Сотрудник</translation>
    </message>
    <message>
        <source>Accrued</source>
        <translation>Начислено</translation>
    </message>
    <message>
        <source>Deducted</source>
        <translation>Удержано</translation>
    </message>
    <message>
        <source>Net to pay</source>
        <translation>К выплате</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>Подпись</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Итого</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Вид</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>Дни</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>Часы</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Сумма</translation>
    </message>
    <message>
        <source>Total accrued</source>
        <translation>Всего начислено</translation>
    </message>
    <message>
        <source>Total deducted</source>
        <translation>Всего удержано</translation>
    </message>
    <message>
        <source>Director</source>
        <translation>Руководитель</translation>
    </message>
    <message>
        <source>Chief accountant</source>
        <translation>Главный бухгалтер</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>№</translation>
    </message>
    <message>
        <source>Total for page</source>
        <translation>Итого по странице</translation>
    </message>
    <message>
        <source>{title} (document)</source>
        <translation>{title} (документ)</translation>
    </message>
    <message>
        <source>Prepared by</source>
        <translation>Составил</translation>
    </message>
    <message>
        <source>Checked by</source>
        <translation>Проверил</translation>
    </message>
    <message>
        <source>signature / full name</source>
        <translation>подпись / расшифровка подписи</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Да</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Нет</translation>
    </message>
    <message>
        <source>TIN</source>
        <translation>ИНН</translation>
    </message>
    <message>
        <source>KPP</source>
        <translation>КПП</translation>
    </message>
    <message>
        <source>Account No.</source>
        <translation>Сч. №</translation>
    </message>
    <message>
        <source>Recipient&apos;s bank</source>
        <translation>Банк получателя</translation>
    </message>
    <message>
        <source>BIC</source>
        <translation>БИК</translation>
    </message>
    <message>
        <source>Corr. account No.</source>
        <translation>Корр. сч. №</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>Получатель</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>тел.</translation>
    </message>
    <message>
        <source>Without VAT</source>
        <translation>Без НДС</translation>
    </message>
    <message>
        <source>VAT rate</source>
        <translation>Ставка НДС</translation>
    </message>
    <message>
        <source>Amount without VAT</source>
        <translation>Сумма без НДС</translation>
    </message>
    <message>
        <source>VAT</source>
        <translation>НДС</translation>
    </message>
    <message>
        <source>Amount with VAT</source>
        <translation>Сумма с НДС</translation>
    </message>
    <message>
        <source>Total:</source>
        <translation>Итого:</translation>
    </message>
    <message>
        <source>Including VAT:</source>
        <translation>В том числе НДС:</translation>
    </message>
    <message>
        <source>VAT:</source>
        <translation>НДС:</translation>
    </message>
    <message>
        <source>Total to pay:</source>
        <translation>Всего к оплате:</translation>
    </message>
    <message>
        <source>Items: {count}, for the amount of {amount}</source>
        <translation>Всего наименований {count}, на сумму {amount}</translation>
    </message>
    <message>
        <source>Amount in words: {words}</source>
        <translation>Сумма прописью: {words}</translation>
    </message>
    <message>
        <source>Released by</source>
        <translation>Отпуск груза произвёл</translation>
    </message>
    <message>
        <source>Received by</source>
        <translation>Груз получил</translation>
    </message>
    <message>
        <source>Cashier</source>
        <translation>Кассир</translation>
    </message>
    <message>
        <source>Storekeeper</source>
        <translation>Кладовщик</translation>
    </message>
    <message>
        <source>Commission member</source>
        <translation>Член комиссии</translation>
    </message>
    <message>
        <source>Commission chairman</source>
        <translation>Председатель комиссии</translation>
    </message>
    <message>
        <source>Supplier</source>
        <translation>Поставщик</translation>
    </message>
    <message>
        <source>Buyer</source>
        <translation>Покупатель</translation>
    </message>
    <message>
        <source>Consignee</source>
        <translation>Грузополучатель</translation>
    </message>
    <message>
        <source>Payer</source>
        <translation>Плательщик</translation>
    </message>
    <message>
        <source>Invoice for payment</source>
        <extracomment>the trade document&apos;s end: VAT by rate, totals, the total in words</extracomment>
        <translation>Счёт на оплату</translation>
    </message>
    <message>
        <source>Invoice for payment No. {number} of {date}</source>
        <translation>Счёт на оплату № {number} от {date}</translation>
    </message>
    <message>
        <source>Waybill (TORG-12)</source>
        <translation>Товарная накладная (ТОРГ-12)</translation>
    </message>
    <message>
        <source>Waybill No. {number} of {date}</source>
        <translation>Товарная накладная № {number} от {date}</translation>
    </message>
    <message>
        <source>Goods receipt note</source>
        <translation>Приходная накладная</translation>
    </message>
    <message>
        <source>Goods receipt note No. {number} of {date}</source>
        <translation>Приходная накладная № {number} от {date}</translation>
    </message>
    <message>
        <source>Delivered by</source>
        <translation>Сдал</translation>
    </message>
    <message>
        <source>Write-off act</source>
        <translation>Акт о списании товаров</translation>
    </message>
    <message>
        <source>Write-off act No. {number} of {date}</source>
        <translation>Акт о списании товаров № {number} от {date}</translation>
    </message>
    <message>
        <source>Stock count sheet</source>
        <translation>Инвентаризационная опись</translation>
    </message>
    <message>
        <source>Stock count sheet No. {number} of {date}</source>
        <translation>Инвентаризационная опись № {number} от {date}</translation>
    </message>
    <message>
        <source>Stock transfer note</source>
        <translation>Накладная на перемещение</translation>
    </message>
    <message>
        <source>Stock transfer note No. {number} of {date}</source>
        <translation>Накладная на перемещение № {number} от {date}</translation>
    </message>
    <message>
        <source>Commercial offer</source>
        <translation>Коммерческое предложение</translation>
    </message>
    <message>
        <source>Commercial offer No. {number} of {date}</source>
        <translation>Коммерческое предложение № {number} от {date}</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Кому</translation>
    </message>
    <message>
        <source>Payment received No. {number} of {date}</source>
        <extracomment>a payment&apos;s order: the title by its kind (bank or cash)</extracomment>
        <translation>Поступление оплаты № {number} от {date}</translation>
    </message>
    <message>
        <source>Cash receipt order No. {number} of {date}</source>
        <translation>Приходный кассовый ордер № {number} от {date}</translation>
    </message>
    <message>
        <source>Payment order No. {number} of {date}</source>
        <translation>Платёжное поручение № {number} от {date}</translation>
    </message>
    <message>
        <source>Cash disbursement order No. {number} of {date}</source>
        <translation>Расходный кассовый ордер № {number} от {date}</translation>
    </message>
    <message>
        <source>Payment order / cash order</source>
        <translation>Платёжное поручение / кассовый ордер</translation>
    </message>
    <message>
        <source>Salary payment order No. {number} of {date}</source>
        <translation>Платёжное поручение на выплату зарплаты № {number} от {date}</translation>
    </message>
    <message>
        <source>Payroll cash order No. {number} of {date}</source>
        <translation>Расходный кассовый ордер (зарплата) № {number} от {date}</translation>
    </message>
</context>
<context>
    <name>PrintPreview</name>
    <message>
        <source>Print preview: {title}</source>
        <translation>Предварительный просмотр: {title}</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>Печать…</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>Сохранить как PDF…</translation>
    </message>
    <message>
        <source>Copies:</source>
        <translation>Копий:</translation>
    </message>
    <message>
        <source>Number of copies</source>
        <translation>Число копий</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Уменьшить</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Увеличить</translation>
    </message>
    <message>
        <source>Fit width</source>
        <translation>По ширине</translation>
    </message>
    <message>
        <source>Rendering…</source>
        <translation>Подготовка страниц…</translation>
    </message>
    <message>
        <source>Page {n}</source>
        <translation>Страница {n}</translation>
    </message>
    <message numerus="yes">
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n страница</numerusform>
            <numerusform>%n страницы</numerusform>
            <numerusform>%n страниц</numerusform>
        </translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>Сохранить как PDF</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>Документ PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Could not save: {error}</source>
        <translation>Не удалось сохранить: {error}</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>Печать</translation>
    </message>
    <message>
        <source>Printing…</source>
        <translation>Печать…</translation>
    </message>
    <message numerus="yes">
        <source>Printed {done} of %n page(s)…</source>
        <translation>
            <numerusform>Напечатано {done} из %n страницы…</numerusform>
            <numerusform>Напечатано {done} из %n страниц…</numerusform>
            <numerusform>Напечатано {done} из %n страниц…</numerusform>
        </translation>
    </message>
    <message>
        <source>Printing failed: {error}</source>
        <translation>Печать не удалась: {error}</translation>
    </message>
</context>
<context>
    <name>RefEdit</name>
    <message>
        <source>{catalog}: type a name or code, F4 to choose</source>
        <translation>{catalog}: введите наименование или код, F4 — выбор</translation>
    </message>
    <message>
        <source>F4 choose from the list · Shift+F4 clear</source>
        <translation>F4 — выбрать из списка · Shift+F4 — очистить</translation>
    </message>
    <message>
        <source>Choose from the list (F4)</source>
        <translation>Выбрать из списка (F4)</translation>
    </message>
    <message>
        <source>Create “{text}”…</source>
        <translation>Создать «{text}»…</translation>
    </message>
    <message>
        <source>“{text}” matches no item of {catalog}</source>
        <translation>«{text}»: такого элемента нет в справочнике «{catalog}»</translation>
    </message>
</context>
<context>
    <name>RelatedPanel</name>
    <message>
        <source>Related documents</source>
        <translation>Связанные документы</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Документ</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <source>Posted</source>
        <translation>Проведён</translation>
    </message>
    <message>
        <source>{title} {number}</source>
        <translation>{title} {number}</translation>
    </message>
    <message>
        <source>(marked for deletion)</source>
        <translation>(помечен на удаление)</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Да</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Нет</translation>
    </message>
    <message>
        <source>No documents were created based on this one, and it has no basis.</source>
        <translation>На основании этого документа ничего не создано, и у него нет документа-основания.</translation>
    </message>
</context>
<context>
    <name>Reminders</name>
    <message>
        <source>Due tasks</source>
        <translation>Задачи к сроку</translation>
    </message>
    <message numerus="yes">
        <source>Tasks due: %n</source>
        <translation>
            <numerusform>Задач к сроку: %n</numerusform>
            <numerusform>Задач к сроку: %n</numerusform>
            <numerusform>Задач к сроку: %n</numerusform>
        </translation>
    </message>
    <message>
        <source>Reminder: {task}</source>
        <translation>Напоминание: {task}</translation>
    </message>
    <message numerus="yes">
        <source>%n task(s) are due.</source>
        <translation>
            <numerusform>Подошёл срок %n задачи.</numerusform>
            <numerusform>Подошёл срок %n задач.</numerusform>
            <numerusform>Подошёл срок %n задач.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReportForm</name>
    <message>
        <source>&amp;Generate</source>
        <extracomment>What is behind a result row: a document (type, id) or movements (settings, row key).</extracomment>
        <translation>&amp;Сформировать</translation>
    </message>
    <message>
        <source>Generate the report (F5, Ctrl+Enter)</source>
        <translation>Сформировать отчёт (F5, Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Export to &amp;Excel…</source>
        <translation>Выгрузить в &amp;Excel…</translation>
    </message>
    <message>
        <source>Choose the settings and press Generate (F5)</source>
        <translation>Задайте настройки и нажмите «Сформировать» (F5)</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>Сформировать</translation>
    </message>
    <message>
        <source>Generating…</source>
        <translation>Формирование…</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n строка</numerusform>
            <numerusform>%n строки</numerusform>
            <numerusform>%n строк</numerusform>
        </translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Выгрузка…</translation>
    </message>
    <message>
        <source>The export failed: {error}</source>
        <translation>Выгрузка не удалась: {error}</translation>
    </message>
    <message>
        <source>Exported to {file}</source>
        <translation>Выгружено в {file}</translation>
    </message>
    <message>
        <source>Opening balance</source>
        <translation>Начальный остаток</translation>
    </message>
    <message>
        <source>Receipts</source>
        <translation>Приход</translation>
    </message>
    <message>
        <source>Expenses</source>
        <translation>Расход</translation>
    </message>
    <message>
        <source>Closing balance</source>
        <translation>Конечный остаток</translation>
    </message>
    <message>
        <source>Turnover</source>
        <translation>Оборот</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Период</translation>
    </message>
    <message>
        <source>{dimension} group</source>
        <translation>{dimension}: группа</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Итого</translation>
    </message>
    <message>
        <source>&lt;no group&gt;</source>
        <translation>&lt;без группы&gt;</translation>
    </message>
    <message>
        <source>&lt;not set&gt;</source>
        <translation>&lt;не указано&gt;</translation>
    </message>
</context>
<context>
    <name>ReportSettingsPanel</name>
    <message>
        <source>No breakdown</source>
        <translation>Без разбивки</translation>
    </message>
    <message>
        <source>By day</source>
        <translation>По дням</translation>
    </message>
    <message>
        <source>By month</source>
        <translation>По месяцам</translation>
    </message>
    <message>
        <source>From</source>
        <translation>С</translation>
    </message>
    <message>
        <source>To</source>
        <translation>По</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>Период:</translation>
    </message>
    <message>
        <source>On date:</source>
        <translation>На дату:</translation>
    </message>
    <message>
        <source>Group by</source>
        <translation>Группировка</translation>
    </message>
    <message>
        <source>Tick the levels to group by; drag them (or Alt+Up/Down) to reorder</source>
        <translation>Отметьте уровни группировки; перетащите их (или Alt+Вверх/Вниз), чтобы изменить порядок</translation>
    </message>
    <message>
        <source>Group by:</source>
        <translation>Группировка:</translation>
    </message>
    <message>
        <source>Breakdown</source>
        <translation>Периодичность</translation>
    </message>
    <message>
        <source>Breakdown:</source>
        <translation>Периодичность:</translation>
    </message>
    <message>
        <source>Custom period</source>
        <translation>Произвольный период</translation>
    </message>
    <message>
        <source>Period preset</source>
        <translation>Стандартный период</translation>
    </message>
    <message>
        <source>On date</source>
        <translation>На дату</translation>
    </message>
    <message>
        <source>On date: {date}</source>
        <translation>На дату: {date}</translation>
    </message>
    <message>
        <source>Period: {start} – {end}</source>
        <translation>Период: {start} – {end}</translation>
    </message>
</context>
<context>
    <name>RowsExport</name>
    <message>
        <source>Export to &amp;Excel…</source>
        <translation>Выгрузить в &amp;Excel…</translation>
    </message>
    <message>
        <source>Save the rows shown as an xlsx file</source>
        <translation>Сохранить показанные строки в файл xlsx</translation>
    </message>
    <message>
        <source>The export failed: {error}</source>
        <translation>Выгрузка не удалась: {error}</translation>
    </message>
</context>
<context>
    <name>Sections</name>
    <message>
        <source>Documents</source>
        <translation>Документы</translation>
    </message>
    <message>
        <source>Catalogs</source>
        <translation>Справочники</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>Отчёты</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Настройки</translation>
    </message>
    <message>
        <source>Subsystems</source>
        <extracomment>Reference data comes after the working sections, as in 1C&apos;s &quot;Master data&quot;. The Administration section: (form name, title); main_window opens forms/admin_&lt;name&gt;.py.</extracomment>
        <translation>Подсистемы</translation>
    </message>
    <message>
        <source>Period closing</source>
        <translation>Закрытие периода</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>Пользователи</translation>
    </message>
    <message>
        <source>Mail server</source>
        <translation>Почтовый сервер</translation>
    </message>
    <message>
        <source>Audit</source>
        <translation>Аудит</translation>
    </message>
    <message>
        <source>Additional fields</source>
        <translation>Дополнительные реквизиты</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>Резервные копии</translation>
    </message>
    <message>
        <source>Administration</source>
        <translation>Администрирование</translation>
    </message>
    <message>
        <source>Prices</source>
        <extracomment>Forms of a subsystem&apos;s section besides its lists: (subsystem, form name, title, heading); they open like the administration forms (workspace.ADMIN_FORMS) and show under the heading of that navigation group (&quot;admin&quot;: Settings, &quot;report&quot;: Reports).</extracomment>
        <translation>Цены</translation>
    </message>
    <message>
        <source>Analytics</source>
        <translation>Аналитика</translation>
    </message>
    <message>
        <source>My tasks</source>
        <translation>Мои задачи</translation>
    </message>
    <message>
        <source>Pay rates</source>
        <translation>Оклады и тарифы</translation>
    </message>
    <message>
        <source>Work calendar</source>
        <translation>Производственный календарь</translation>
    </message>
    <message>
        <source>{register}: balance and turnover</source>
        <extracomment>How a register&apos;s report is named ({register}: its declared title), context ``Sections``.</extracomment>
        <translation>{register}: остатки и обороты</translation>
    </message>
    <message>
        <source>{register}: turnover</source>
        <translation>{register}: обороты</translation>
    </message>
</context>
<context>
    <name>SegmentCommands</name>
    <message>
        <source>Refresh members</source>
        <translation>Обновить состав</translation>
    </message>
    <message>
        <source>Mailing list…</source>
        <translation>Список рассылки…</translation>
    </message>
    <message>
        <source>Send by e-mail…</source>
        <translation>Отправить по почте…</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Участник</translation>
    </message>
    <message>
        <source>Revenue in the period</source>
        <translation>Выручка за период</translation>
    </message>
    <message>
        <source>Last purchase</source>
        <translation>Последняя покупка</translation>
    </message>
    <message>
        <source>Segment members</source>
        <translation>Состав сегментов</translation>
    </message>
    <message>
        <source>Save the segment first: its saved rules are used.</source>
        <translation>Сначала запишите сегмент: используются его записанные правила.</translation>
    </message>
    <message>
        <source>Members refreshed by the rules: {n}.</source>
        <translation>Состав обновлён по правилам: {n}.</translation>
    </message>
    <message>
        <source>Mailing list</source>
        <translation>Список рассылки</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV (*.csv)</source>
        <translation>Книга Excel (*.xlsx);;CSV (*.csv)</translation>
    </message>
    <message>
        <source>Mailing list: {segment}</source>
        <translation>Список рассылки: {segment}</translation>
    </message>
    <message>
        <source>Partner</source>
        <translation>Партнёр</translation>
    </message>
    <message>
        <source>Contact person</source>
        <translation>Контактное лицо</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Должность</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>Эл. почта</translation>
    </message>
    <message>
        <source>{n} addresses written to {path}</source>
        <translation>Адресов записано: {n}, файл {path}</translation>
    </message>
    <message>
        <source>Create an e-mail template first.</source>
        <translation>Сначала создайте шаблон письма.</translation>
    </message>
    <message>
        <source>Send by e-mail</source>
        <translation>Отправить по почте</translation>
    </message>
    <message>
        <source>Letter from the template:</source>
        <translation>Письмо по шаблону:</translation>
    </message>
    <message>
        <source>Sending the mailing…</source>
        <translation>Рассылка отправляется…</translation>
    </message>
    <message>
        <source>Letters sent: {sent} of {total}; failed: {failed} (kept as interactions).</source>
        <translation>Отправлено писем: {sent} из {total}; не отправлено: {failed} (сохранены как взаимодействия).</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Настройки</translation>
    </message>
    <message>
        <source>Interface &amp;language:</source>
        <translation>&amp;Язык интерфейса:</translation>
    </message>
    <message>
        <source>My &amp;warehouse:</source>
        <translation>Мой &amp;склад:</translation>
    </message>
    <message>
        <source>A new language takes effect after a restart.</source>
        <translation>Новый язык начнёт действовать после перезапуска.</translation>
    </message>
    <message>
        <source>The new language takes effect when Kontora is started again.</source>
        <translation>Новый язык начнёт действовать при следующем запуске Конторы.</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>С&amp;ервис</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Настройки…</translation>
    </message>
</context>
<context>
    <name>ShortfallPanel</name>
    <message>
        <source>Product</source>
        <translation>Номенклатура</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>Склад</translation>
    </message>
    <message>
        <source>Moment</source>
        <translation>Момент</translation>
    </message>
    <message>
        <source>Asked</source>
        <translation>Требуется</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>Доступно</translation>
    </message>
    <message>
        <source>Short by</source>
        <translation>Не хватает</translation>
    </message>
    <message>
        <source>Not enough stock — the document was not posted</source>
        <translation>Недостаточно остатков — документ не проведён</translation>
    </message>
    <message>
        <source>Shortfall</source>
        <translation>Нехватка</translation>
    </message>
</context>
<context>
    <name>Splash</name>
    <message>
        <source>Opening {name}</source>
        <translation>Открывается {name}</translation>
    </message>
    <message>
        <source>Opening the infobase</source>
        <translation>Открытие информационной базы</translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message>
        <source>Key figures</source>
        <translation>Ключевые показатели</translation>
    </message>
    <message>
        <source>Refresh (F5)</source>
        <translation>Обновить (F5)</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Обновить</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Загрузка…</translation>
    </message>
    <message>
        <source>No key figures: their subsystems are switched off.</source>
        <translation>Нет ключевых показателей: их подсистемы отключены.</translation>
    </message>
    <message>
        <source>Show items…</source>
        <translation>Показать товары…</translation>
    </message>
    <message>
        <source>Show {title}</source>
        <translation>Показать: {title}</translation>
    </message>
    <message>
        <source>Open the report…</source>
        <translation>Открыть отчёт…</translation>
    </message>
    <message>
        <source>Open the list…</source>
        <translation>Открыть список…</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>Creating the infobase…</source>
        <translation>Создание информационной базы…</translation>
    </message>
    <message>
        <source>Updating the infobase structure…</source>
        <translation>Обновление структуры информационной базы…</translation>
    </message>
    <message>
        <source>Starting the server…</source>
        <translation>Запуск сервера…</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Подключение…</translation>
    </message>
    <message>
        <source>Loading demo data…</source>
        <translation>Загрузка демонстрационных данных…</translation>
    </message>
    <message>
        <source>Checking the infobase…</source>
        <translation>Проверка информационной базы…</translation>
    </message>
</context>
<context>
    <name>SubsystemsForm</name>
    <message>
        <source>Subsystems</source>
        <translation>Подсистемы</translation>
    </message>
    <message>
        <source>A switched-off subsystem disappears from every user&apos;s sections, and its documents can no longer be written or posted. Nothing is deleted.</source>
        <translation>Отключённая подсистема исчезает из разделов всех пользователей, а её документы больше нельзя записать или провести. Ничего не удаляется.</translation>
    </message>
    <message>
        <source>needs {names}</source>
        <translation>требует: {names}</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Записать</translation>
    </message>
    <message>
        <source>Save the switches (Ctrl+S)</source>
        <translation>Записать настройки подсистем (Ctrl+S)</translation>
    </message>
    <message>
        <source>&amp;Revert</source>
        <translation>&amp;Отменить изменения</translation>
    </message>
    <message>
        <source>Show the switches as saved</source>
        <translation>Показать записанные настройки</translation>
    </message>
    <message>
        <source>Object</source>
        <translation>Объект</translation>
    </message>
    <message>
        <source>Subsystem</source>
        <translation>Подсистема</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>Записей</translation>
    </message>
    <message>
        <source>What switching it off hides</source>
        <translation>Что скроет отключение</translation>
    </message>
    <message>
        <source>The core cannot be switched off</source>
        <translation>Основную подсистему нельзя отключить</translation>
    </message>
    <message>
        <source>Switching {name} off hides {docs} documents and {records} records.</source>
        <translation>Отключение «{name}» скроет документов: {docs}, записей: {records}.</translation>
    </message>
    <message>
        <source>Depend on it (switched off too): {names}.</source>
        <translation>От неё зависят (будут отключены тоже): {names}.</translation>
    </message>
    <message>
        <source>{name} needs {needs}: switched on too.</source>
        <translation>Подсистема «{name}» требует: {needs} — включено тоже.</translation>
    </message>
    <message>
        <source>Switch off {name}</source>
        <translation>Отключение подсистемы «{name}»</translation>
    </message>
    <message>
        <source>{using} depend on {name} and will be switched off too. Their sections disappear for every user and their documents can no longer be written or posted. Continue?</source>
        <translation>От подсистемы «{name}» зависят: {using} — они тоже будут отключены. Их разделы исчезнут у всех пользователей, а их документы больше нельзя будет записать или провести. Продолжить?</translation>
    </message>
    <message>
        <source>Saved: every user&apos;s sections follow at once.</source>
        <translation>Записано: разделы всех пользователей обновятся сразу.</translation>
    </message>
</context>
<context>
    <name>TextFilter</name>
    <message>
        <source>all (or values separated by commas)</source>
        <translation>все (или значения через запятую)</translation>
    </message>
</context>
<context>
    <name>TimelinePanel</name>
    <message>
        <source>Date</source>
        <extracomment>Catalogs whose item form shows the timeline of the item.</extracomment>
        <translation>Дата</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Вид</translation>
    </message>
    <message>
        <source>Number or name</source>
        <translation>Номер или наименование</translation>
    </message>
    <message>
        <source>About</source>
        <translation>Суть</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Хронология</translation>
    </message>
</context>
<context>
    <name>TradeReportForm</name>
    <message>
        <source>Advance</source>
        <translation>Аванс</translation>
    </message>
</context>
<context>
    <name>UserDialog</name>
    <message>
        <source>Roles of {name}</source>
        <translation>Роли пользователя {name}</translation>
    </message>
    <message>
        <source>New user</source>
        <translation>Новый пользователь</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Имя:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Пароль:</translation>
    </message>
</context>
<context>
    <name>UsersForm</name>
    <message>
        <source>Users</source>
        <translation>Пользователи</translation>
    </message>
    <message>
        <source>Object</source>
        <translation>Объект</translation>
    </message>
    <message>
        <source>Role matrix</source>
        <translation>Матрица ролей</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Пользователь</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>Роли</translation>
    </message>
    <message>
        <source>Can log in</source>
        <translation>Может входить</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Добавить…</translation>
    </message>
    <message>
        <source>Reset &amp;password…</source>
        <translation>Сбросить &amp;пароль…</translation>
    </message>
    <message>
        <source>&amp;Roles…</source>
        <translation>&amp;Роли…</translation>
    </message>
    <message>
        <source>&amp;Disable</source>
        <translation>&amp;Отключить</translation>
    </message>
    <message>
        <source>Re&amp;move…</source>
        <translation>&amp;Удалить…</translation>
    </message>
    <message>
        <source>Sales managers see only their own partners&apos; deals and interactions</source>
        <translation>Менеджеры по продажам видят только сделки и взаимодействия своих партнёров</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>да</translation>
    </message>
    <message>
        <source>no (disabled)</source>
        <translation>нет (отключён)</translation>
    </message>
    <message>
        <source>There are no users yet: add one.</source>
        <translation>Пользователей пока нет: добавьте первого.</translation>
    </message>
    <message>
        <source>read</source>
        <translation>чтение</translation>
    </message>
    <message>
        <source>write</source>
        <translation>запись</translation>
    </message>
    <message>
        <source>post</source>
        <translation>проведение</translation>
    </message>
    <message>
        <source>&amp;Enable</source>
        <translation>&amp;Включить</translation>
    </message>
    <message>
        <source>User {name} created.</source>
        <translation>Пользователь {name} создан.</translation>
    </message>
    <message>
        <source>The password of {name} was changed.</source>
        <translation>Пароль пользователя {name} изменён.</translation>
    </message>
    <message>
        <source>Roles of {name} saved.</source>
        <translation>Роли пользователя {name} сохранены.</translation>
    </message>
    <message>
        <source>{name} can log in.</source>
        <translation>{name} может входить.</translation>
    </message>
    <message>
        <source>{name} can no longer log in.</source>
        <translation>{name} больше не может входить.</translation>
    </message>
    <message>
        <source>User {name} removed.</source>
        <translation>Пользователь {name} удалён.</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Сохранено.</translation>
    </message>
    <message>
        <source>Reset password</source>
        <translation>Сброс пароля</translation>
    </message>
    <message>
        <source>New password of {name}:</source>
        <translation>Новый пароль пользователя {name}:</translation>
    </message>
    <message>
        <source>Remove user</source>
        <translation>Удаление пользователя</translation>
    </message>
    <message>
        <source>Remove the user {name}? They can no longer log in and their open sessions end. Documents they wrote stay, and the history keeps their name. To stop them only for a while, disable them instead.</source>
        <translation>Удалить пользователя {name}? Он больше не сможет войти, его открытые сеансы завершатся. Введённые им документы останутся, история изменений сохранит его имя. Чтобы закрыть вход лишь на время, отключите пользователя.</translation>
    </message>
</context>
<context>
    <name>WorkCalendarForm</name>
    <message>
        <source>Work calendar</source>
        <translation>Производственный календарь</translation>
    </message>
    <message>
        <source>&amp;Fill the year</source>
        <translation>&amp;Заполнить год</translation>
    </message>
    <message>
        <source>Weekdays working, 8 hours; days already set are kept</source>
        <translation>Будни — рабочие по 8 часов; уже заданные дни сохраняются</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>День</translation>
    </message>
    <message>
        <source>Working day</source>
        <translation>Рабочий день</translation>
    </message>
    <message>
        <source>Working hours</source>
        <translation>Рабочих часов</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>is required</source>
        <extracomment>A handler returns the lines of the document&apos;s first tabular section, or every section it fills by name (``{&quot;accruals&quot;: [...], &quot;deductions&quot;: [...]}``).</extracomment>
        <translation>не заполнено</translation>
    </message>
    <message>
        <source>{owner}, {table} line {n}</source>
        <translation>{owner}, {table}, строка {n}</translation>
    </message>
    <message>
        <source>The connection to the server was lost; the operation was not confirmed. Try again: nothing is duplicated. ({reason})</source>
        <translation>Соединение с сервером потеряно; операция не подтверждена. Повторите её: ничего не задвоится. ({reason})</translation>
    </message>
    <message>
        <source>Cannot reach the server; nothing was sent. ({reason})</source>
        <translation>Сервер недоступен; ничего не отправлено. ({reason})</translation>
    </message>
    <message>
        <source>{object}: {field} {problem} (got {value})</source>
        <translation>{object}: поле «{field}» {problem} (введено {value})</translation>
    </message>
    <message>
        <source>Not enough {register} ({resource}) on {at} for {key}: {amounts}</source>
        <translation>Недостаточно {register} ({resource}) на {at} для {key}: {amounts}</translation>
    </message>
    <message>
        <source>asked {asked}, available {available} (short by {short})</source>
        <translation>требуется {asked}, доступно {available} (не хватает {short})</translation>
    </message>
    <message>
        <source>the balance would fall to {balance}</source>
        <translation>остаток стал бы {balance}</translation>
    </message>
    <message>
        <source>{title} «{name}»</source>
        <translation>{title} «{name}»</translation>
    </message>
    <message>
        <source>{object} {number} dated {date} is in the closed period (closed up to {lock}); it cannot be changed, posted or unposted.</source>
        <translation>{object} {number} от {date} попадает в закрытый период (закрыт по {lock}); его нельзя изменить, провести или отменить проведение.</translation>
    </message>
    <message>
        <source>{object} belongs to the switched-off subsystem &quot;{subsystem}&quot;; an administrator can switch it on.</source>
        <translation>{object} относится к отключённой подсистеме «{subsystem}»; включить её может администратор.</translation>
    </message>
    <message>
        <source>The data is being posted by {holder}; waited {seconds} s. Try again when it finishes.</source>
        <translation>Данные сейчас проводит {holder}; ожидание {seconds} с. Повторите, когда проведение закончится.</translation>
    </message>
    <message>
        <source>another user</source>
        <translation>другой пользователь</translation>
    </message>
    <message>
        <source>{object} {number}</source>
        <translation>{object} {number}</translation>
    </message>
    <message>
        <source>Permission denied: {reason}</source>
        <translation>Недостаточно прав: {reason}</translation>
    </message>
    <message>
        <source>Invalid value: {reason}</source>
        <translation>Недопустимое значение: {reason}</translation>
    </message>
    <message>
        <source>The connection to the server was lost ({reason}); nothing was saved.</source>
        <translation>Соединение с сервером потеряно ({reason}); ничего не записано.</translation>
    </message>
    <message>
        <source>{table}: {column} must be a finite number within range, with no more decimals than allowed</source>
        <translation>{table}: {column} — должно быть конечное число в допустимых пределах и не больше разрешённого числа знаков после запятой</translation>
    </message>
    <message>
        <source>{table}: {column} must be greater than zero</source>
        <translation>{table}: {column} — должно быть больше нуля</translation>
    </message>
    <message>
        <source>{table}: {column} must not be negative</source>
        <translation>{table}: {column} — не может быть отрицательным</translation>
    </message>
    <message>
        <source>{table}: {column} is too long</source>
        <translation>{table}: {column} — слишком длинное значение</translation>
    </message>
    <message>
        <source>{table}: {column} must not be empty</source>
        <translation>{table}: {column} — не может быть пустым</translation>
    </message>
    <message>
        <source>{table}: {column} is out of range</source>
        <translation>{table}: {column} — вне допустимых пределов</translation>
    </message>
    <message>
        <source>{table}: {column} is required for an item</source>
        <translation>{table}: {column} — обязательно для элемента</translation>
    </message>
    <message>
        <source>{object}: the debt of partner «{partner}» {debt} plus its open orders {open} plus the order {amount} exceeds its credit limit {limit} by {over}</source>
        <translation>{object}: долг партнёра «{partner}» {debt} вместе с его открытыми заказами {open} и этим заказом {amount} превышает его кредитный лимит {limit} на {over}</translation>
    </message>
    <message>
        <source>{object} waits for approval: the debt of partner «{partner}» {debt} plus its open orders {open} plus the order {amount} exceeds its credit limit {limit} by {over}</source>
        <translation>{object} ожидает согласования: долг партнёра «{partner}» {debt} вместе с его открытыми заказами {open} и этим заказом {amount} превышает его кредитный лимит {limit} на {over}</translation>
    </message>
    <message>
        <source>{table}: a value breaks rule {name}</source>
        <translation>{table}: значение нарушает правило {name}</translation>
    </message>
    <message>
        <source>{object}: partner «{partner}» is managed by {manager}; sales manager {user} may write only the deals and interactions of their own partners.</source>
        <translation>{object}: партнёра «{partner}» ведёт {manager}; менеджер по продажам {user} может записывать сделки и взаимодействия только своих партнёров.</translation>
    </message>
    <message>
        <source>Partner «{partner}» is managed by {manager}; sales manager {user} may not make it their own.</source>
        <translation>Партнёра «{partner}» ведёт {manager}; менеджер по продажам {user} не может сделать его своим.</translation>
    </message>
    <message>
        <source>nobody</source>
        <translation>никто</translation>
    </message>
    <message>
        <source>{object}: order {order} is «{status}»; only an order «To ship» can be shipped</source>
        <translation>{object}: заказ {order} в статусе «{status}»; отгрузить можно только заказ в статусе «К отгрузке»</translation>
    </message>
    <message>
        <source>{object} cannot go back to «{status}»: sales shipment {shipment} was shipped against it</source>
        <translation>{object} нельзя вернуть в статус «{status}»: по нему отгружена реализация {shipment}</translation>
    </message>
    <message>
        <source>{object}: sales return {return} dated {return_date} is not after its shipment {shipment} dated {shipment_date}; a return must be dated after the shipment it returns</source>
        <translation>{object}: возврат {return} от {return_date} не позже своей реализации {shipment} от {shipment_date}; возврат должен быть датирован позже реализации, которую он возвращает</translation>
    </message>
    <message>
        <source>{object}: the returns of shipment {shipment} bring back {returned} of «{product}», more than the {shipped} it shipped</source>
        <translation>{object}: возвраты по реализации {shipment} возвращают {returned} товара «{product}» — больше, чем она отгрузила ({shipped})</translation>
    </message>
    <message>
        <source>Only an administrator may manage users; {login} is not one (user {user}).</source>
        <translation>Управлять пользователями может только администратор; {login} им не является (пользователь {user}).</translation>
    </message>
    <message>
        <source>User {user}: unknown action {action}.</source>
        <translation>Пользователь {user}: неизвестное действие {action}.</translation>
    </message>
    <message>
        <source>User name {user} must start with a letter and contain only a-z, 0-9 and _ (at most 63).</source>
        <translation>Имя пользователя {user} должно начинаться с буквы и содержать только a-z, 0-9 и _ (не более 63).</translation>
    </message>
    <message>
        <source>{user} is a system role name: users named kontora_…, pg_… or postgres cannot be created or changed here.</source>
        <translation>{user} — имя системной роли: пользователей с именами kontora_…, pg_… или postgres здесь нельзя создавать и изменять.</translation>
    </message>
    <message>
        <source>{user} is a superuser: only a superuser can change it.</source>
        <translation>{user} — суперпользователь: изменить его может только суперпользователь.</translation>
    </message>
    <message>
        <source>User {user}: at least one role is needed.</source>
        <translation>Пользователь {user}: нужна хотя бы одна роль.</translation>
    </message>
    <message>
        <source>User {user}: there is no role {role}; the roles are {roles}.</source>
        <translation>Пользователь {user}: роли {role} нет; есть роли {roles}.</translation>
    </message>
    <message>
        <source>User {user}: the password must arrive as a SCRAM-SHA-256 verifier, never as plain text.</source>
        <translation>Пользователь {user}: пароль должен передаваться как верификатор SCRAM-SHA-256, а не открытым текстом.</translation>
    </message>
    <message>
        <source>A user or role named &apos;{user}&apos; already exists</source>
        <translation>Пользователь или роль с именем &apos;{user}&apos; уже существует</translation>
    </message>
    <message>
        <source>There is no user {user}.</source>
        <translation>Пользователя {user} нет.</translation>
    </message>
    <message>
        <source>{user} is not a Kontora user (it has no Kontora role): it cannot be changed here.</source>
        <translation>{user} — не пользователь Конторы (у него нет ролей Конторы): здесь его изменить нельзя.</translation>
    </message>
    <message>
        <source>User {user} was created outside Kontora: a superuser must run &quot;kontora-admin upgrade&quot; before administrators can change it.</source>
        <translation>Пользователь {user} создан вне Конторы: суперпользователь должен выполнить «kontora-admin upgrade», прежде чем администраторы смогут его изменять.</translation>
    </message>
    <message>
        <source>User {user} was given role {role} outside Kontora: a superuser must run &quot;kontora-admin upgrade&quot; before administrators can take it away.</source>
        <translation>Роль {role} выдана пользователю {user} вне Конторы: суперпользователь должен выполнить «kontora-admin upgrade», прежде чем администраторы смогут её отнять.</translation>
    </message>
    <message>
        <source>{user} is your own login: you cannot disable or remove it, nor take away its administrator role.</source>
        <translation>{user} — ваш собственный вход: его нельзя отключить или удалить, нельзя и снять с него роль администратора.</translation>
    </message>
    <message>
        <source>User {user} owns database objects or holds privileges of its own: a superuser must reassign them (REASSIGN OWNED, DROP OWNED) before it can be removed.</source>
        <translation>Пользователь {user} владеет объектами базы данных или имеет собственные права: прежде чем его удалить, суперпользователь должен их передать (REASSIGN OWNED, DROP OWNED).</translation>
    </message>
    <message>
        <source>must not be empty</source>
        <translation>не может быть пустым</translation>
    </message>
    <message>
        <source>must be text</source>
        <translation>должно быть текстом</translation>
    </message>
    <message>
        <source>must not contain NUL characters</source>
        <translation>не может содержать символы NUL</translation>
    </message>
    <message>
        <source>is {length} characters long; at most {max_len}</source>
        <translation>имеет длину {length} символов; допустимо не более {max_len}</translation>
    </message>
    <message>
        <source>must be an exact decimal, not a float</source>
        <translation>должно быть точным десятичным числом, а не float</translation>
    </message>
    <message>
        <source>is not a number</source>
        <translation>не является числом</translation>
    </message>
    <message>
        <source>must be a finite number</source>
        <translation>должно быть конечным числом</translation>
    </message>
    <message>
        <source>must be less than {limit}</source>
        <extracomment>a line formula (:mod:`server.metadata.formula`): the value is computed, never typed summed in a document form&apos;s totals line: by default quantities and computed amounts (a sum of prices means nothing); True for a typed amount (a payment line, an accrual)</extracomment>
        <translation>должно быть меньше {limit}</translation>
    </message>
    <message>
        <source>allows at most {scale} decimals</source>
        <translation>допускает не более {scale} знаков после запятой</translation>
    </message>
    <message>
        <source>must be greater than zero</source>
        <translation>должно быть больше нуля</translation>
    </message>
    <message>
        <source>must not be negative</source>
        <translation>не может быть отрицательным</translation>
    </message>
    <message>
        <source>must be at most {maximum}</source>
        <translation>должно быть не больше {maximum}</translation>
    </message>
    <message>
        <source>must be a whole number</source>
        <translation>должно быть целым числом</translation>
    </message>
    <message>
        <source>must be between {minimum} and {maximum}</source>
        <translation>должно быть от {minimum} до {maximum}</translation>
    </message>
    <message>
        <source>must be yes or no</source>
        <translation>должно быть «да» или «нет»</translation>
    </message>
    <message>
        <source>must be a PNG or JPEG picture</source>
        <translation>должен быть картинкой PNG или JPEG</translation>
    </message>
    <message>
        <source>is {size} KB; at most {max_kb} KB</source>
        <translation>занимает {size} КБ; допустимо не больше {max_kb} КБ</translation>
    </message>
    <message>
        <source>is not a date (YYYY-MM-DD)</source>
        <translation>не является датой (ГГГГ-ММ-ДД)</translation>
    </message>
    <message>
        <source>is not a date and time (YYYY-MM-DD HH:MM:SS)</source>
        <translation>не дата и время (ГГГГ-ММ-ДД ЧЧ:ММ:СС)</translation>
    </message>
    <message>
        <source>must reference a {target} item</source>
        <translation>должно ссылаться на элемент справочника {target}</translation>
    </message>
    <message>
        <source>must be one of: {choices}</source>
        <translation>должно быть одним из: {choices}</translation>
    </message>
    <message>
        <source>must reference a {target} document</source>
        <translation>должно ссылаться на документ {target}</translation>
    </message>
    <message>
        <source>must start with a letter and contain only a-z, 0-9 and _ (at most 63)</source>
        <translation>должно начинаться с буквы и содержать только a-z, 0-9 и _ (не более 63 символов)</translation>
    </message>
    <message>
        <source>is reserved</source>
        <translation>зарезервировано</translation>
    </message>
    <message>
        <source>must be one of {roles}</source>
        <translation>должно быть одним из: {roles}</translation>
    </message>
    <message>
        <source>at least one role is needed</source>
        <translation>нужна хотя бы одна роль</translation>
    </message>
    <message>
        <source>Not connected to the server: reconnecting. Nothing was sent and your input is kept; try again when the connection is restored.</source>
        <translation>Нет соединения с сервером: идёт переподключение. Ничего не отправлено, введённые данные сохранены; повторите, когда соединение восстановится.</translation>
    </message>
    <message>
        <source>Deletion mark</source>
        <extracomment>Labels of the technical columns (the client translates them in context ``errors``).</extracomment>
        <translation>Пометка удаления</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Группа</translation>
    </message>
    <message>
        <source>Parent</source>
        <translation>Родитель</translation>
    </message>
    <message>
        <source>Based on</source>
        <translation>Основание</translation>
    </message>
    <message>
        <source>{table}, line {n}: {field}</source>
        <translation>{table}, строка {n}: {field}</translation>
    </message>
    <message>
        <source>{table}, line {n} (added): {field}</source>
        <translation>{table}, строка {n} (добавлена): {field}</translation>
    </message>
    <message>
        <source>{table}, line {n} (deleted): {field}</source>
        <translation>{table}, строка {n} (удалена): {field}</translation>
    </message>
    <message>
        <source>is not a dimension</source>
        <translation>не является измерением</translation>
    </message>
    <message>
        <source>ends before it begins</source>
        <translation>заканчивается раньше, чем начинается</translation>
    </message>
    <message>
        <source>is not a product</source>
        <translation>не товар</translation>
    </message>
    <message>
        <source>is unknown</source>
        <extracomment>(key, title, lowest days overdue, highest) of the aging buckets; None: open-ended. Filter -&gt; the column of :data:`TO_SHIP_SQL` it compares (``h``: the order, ``l``: a line).</extracomment>
        <translation>неизвестен</translation>
    </message>
    <message>
        <source>is not set up</source>
        <translation>не настроен</translation>
    </message>
    <message>
        <source>is not e-mail</source>
        <translation>не электронное письмо</translation>
    </message>
    <message>
        <source>already sent</source>
        <translation>уже отправлено</translation>
    </message>
    <message>
        <source>has no working days; fill the calendar first</source>
        <translation>не содержит рабочих дней; сначала заполните календарь</translation>
    </message>
    <message>
        <source>is not found by code or name</source>
        <translation>не найдено по коду или наименованию</translation>
    </message>
    <message>
        <source>matches several items; give the code</source>
        <translation>соответствует нескольким элементам; укажите код</translation>
    </message>
    <message>
        <source>is required: there is no organization</source>
        <translation>обязательно: нет ни одной организации</translation>
    </message>
    <message>
        <source>Importing {target} needs the right to write {tables} (subsystem {subsystem})</source>
        <translation>Для загрузки «{target}» нужно право записи {tables} (подсистема {subsystem})</translation>
    </message>
    <message>
        <source>is the same as in row {row}</source>
        <translation>совпадает со строкой {row}</translation>
    </message>
    <message>
        <source>is already in the database</source>
        <translation>уже есть в базе</translation>
    </message>
    <message>
        <source>allows at most {scale} decimals for unit {unit}</source>
        <translation>допускает не более {scale} знаков после запятой для единицы {unit}</translation>
    </message>
    <message>
        <source>{object}: the version cannot be restored: {field} refers to a {target} item (#{id}) that no longer exists</source>
        <translation>{object}: версию нельзя восстановить: {field} ссылается на элемент «{target}» (#{id}), которого больше нет</translation>
    </message>
    <message>
        <source>{file} is not a backup file</source>
        <translation>{file} — не файл резервной копии</translation>
    </message>
    <message>
        <source>{file} has no row counts beside it ({meta})</source>
        <translation>Рядом с {file} нет числа строк ({meta})</translation>
    </message>
    <message>
        <source>Keep at least one backup (asked to keep {keep})</source>
        <translation>Храните хотя бы одну копию (указано {keep})</translation>
    </message>
    <message>
        <source>Additional field</source>
        <translation>Дополнительный реквизит</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <source>must start with a letter and hold only a-z, 0-9 and _ (up to 41)</source>
        <translation>должно начинаться с буквы и содержать только a-z, 0-9 и _ (до 41 знака)</translation>
    </message>
    <message>
        <source>is not a valid value</source>
        <translation>недопустимое значение</translation>
    </message>
</context>
<context>
    <name>meta</name>
    <message>
        <source>Period</source>
        <translation>Период</translation>
    </message>
    <message>
        <source>Grouping</source>
        <translation>Группировка</translation>
    </message>
    <message>
        <source>Core</source>
        <translation>Основное</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>Склад</translation>
    </message>
    <message>
        <source>Sales</source>
        <translation>Продажи</translation>
    </message>
    <message>
        <source>Purchasing</source>
        <translation>Закупки</translation>
    </message>
    <message>
        <source>CRM</source>
        <translation>CRM</translation>
    </message>
    <message>
        <source>Payroll</source>
        <translation>Зарплата</translation>
    </message>
    <message>
        <source>Finance</source>
        <translation>Финансы</translation>
    </message>
    <message>
        <source>Organization</source>
        <translation>Организация</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>Единицы измерения</translation>
    </message>
    <message>
        <source>Search by name or code</source>
        <translation>Поиск по наименованию или коду</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Код</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Наименование</translation>
    </message>
    <message>
        <source>Decimals</source>
        <translation>Знаков после запятой</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>Номенклатура</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Единица измерения</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Цена</translation>
    </message>
    <message>
        <source>Barcode</source>
        <translation>Штрихкод</translation>
    </message>
    <message>
        <source>Minimum stock</source>
        <translation>Минимальный остаток</translation>
    </message>
    <message>
        <source>Warehouses</source>
        <translation>Склады</translation>
    </message>
    <message>
        <source>Organizations</source>
        <translation>Организации</translation>
    </message>
    <message>
        <source>Tax ID</source>
        <translation>ИНН</translation>
    </message>
    <message>
        <source>Counterparties</source>
        <translation>Контрагенты</translation>
    </message>
    <message>
        <source>Goods receipt</source>
        <translation>Поступление товаров</translation>
    </message>
    <message>
        <source>Search by number</source>
        <translation>Поиск по номеру</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Номер</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <source>Posted</source>
        <translation>Проведён</translation>
    </message>
    <message>
        <source>Supplier</source>
        <translation>Поставщик</translation>
    </message>
    <message>
        <source>Several warehouses</source>
        <translation>Несколько складов</translation>
    </message>
    <message>
        <source>Stock counts</source>
        <translation>Инвентаризация</translation>
    </message>
    <message>
        <source>Marketing</source>
        <translation>Маркетинг</translation>
    </message>
    <message>
        <source>Claims</source>
        <translation>Претензии</translation>
    </message>
    <message>
        <source>Mailing</source>
        <translation>Рассылки</translation>
    </message>
    <message>
        <source>VAT rates</source>
        <translation>Ставки НДС</translation>
    </message>
    <message>
        <source>Rate, %</source>
        <translation>Ставка, %</translation>
    </message>
    <message>
        <source>Without VAT</source>
        <translation>Без НДС</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>Артикул</translation>
    </message>
    <message>
        <source>VAT rate</source>
        <translation>Ставка НДС</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Адрес</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Полное наименование</translation>
    </message>
    <message>
        <source>Tax registration reason code (KPP)</source>
        <translation>КПП</translation>
    </message>
    <message>
        <source>Legal address</source>
        <translation>Юридический адрес</translation>
    </message>
    <message>
        <source>Bank</source>
        <translation>Банк</translation>
    </message>
    <message>
        <source>Bank BIC</source>
        <translation>БИК банка</translation>
    </message>
    <message>
        <source>Bank account</source>
        <translation>Расчётный счёт</translation>
    </message>
    <message>
        <source>Correspondent account</source>
        <translation>Корреспондентский счёт</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Телефон</translation>
    </message>
    <message>
        <source>Director</source>
        <translation>Руководитель</translation>
    </message>
    <message>
        <source>Chief accountant</source>
        <translation>Главный бухгалтер</translation>
    </message>
    <message>
        <source>Payment terms</source>
        <translation>Условия оплаты</translation>
    </message>
    <message>
        <source>Prepayment, %</source>
        <translation>Предоплата, %</translation>
    </message>
    <message>
        <source>Days to pay</source>
        <translation>Срок оплаты, дней</translation>
    </message>
    <message>
        <source>Partners</source>
        <translation>Партнёры</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Клиент</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>Менеджер</translation>
    </message>
    <message>
        <source>Credit limit</source>
        <translation>Кредитный лимит</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>Эл. почта</translation>
    </message>
    <message>
        <source>Advertising channel</source>
        <translation>Рекламный канал</translation>
    </message>
    <message>
        <source>Marketing event</source>
        <translation>Маркетинговое мероприятие</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Регион</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Комментарий</translation>
    </message>
    <message>
        <source>Partner</source>
        <translation>Партнёр</translation>
    </message>
    <message>
        <source>Legal form</source>
        <translation>Юридическая форма</translation>
    </message>
    <message>
        <source>Contact persons</source>
        <translation>Контактные лица</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Должность</translation>
    </message>
    <message>
        <source>Opted out of mailings</source>
        <translation>Отказ от рассылок</translation>
    </message>
    <message>
        <source>Price types</source>
        <translation>Виды цен</translation>
    </message>
    <message>
        <source>Prices include VAT</source>
        <translation>Цены включают НДС</translation>
    </message>
    <message>
        <source>Recorded by goods receipts</source>
        <translation>Регистрируются поступлениями товаров</translation>
    </message>
    <message>
        <source>Expense items</source>
        <translation>Статьи расходов</translation>
    </message>
    <message>
        <source>Advertising channels</source>
        <translation>Рекламные каналы</translation>
    </message>
    <message>
        <source>Marketing events</source>
        <translation>Маркетинговые мероприятия</translation>
    </message>
    <message>
        <source>Starts</source>
        <translation>Начало</translation>
    </message>
    <message>
        <source>Ends</source>
        <translation>Окончание</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>Бюджет</translation>
    </message>
    <message>
        <source>Deal types</source>
        <translation>Виды сделок</translation>
    </message>
    <message>
        <source>Deal stages</source>
        <translation>Этапы сделок</translation>
    </message>
    <message>
        <source>Deal type</source>
        <translation>Вид сделки</translation>
    </message>
    <message>
        <source>Order in the pipeline</source>
        <translation>Порядок в воронке</translation>
    </message>
    <message>
        <source>Probability, %</source>
        <translation>Вероятность, %</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Итог</translation>
    </message>
    <message>
        <source>Loss reasons</source>
        <translation>Причины проигрыша</translation>
    </message>
    <message>
        <source>Competitors</source>
        <translation>Конкуренты</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>Сайт</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Теги</translation>
    </message>
    <message>
        <source>Deals</source>
        <translation>Сделки</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Этап</translation>
    </message>
    <message>
        <source>Potential amount</source>
        <translation>Потенциальная сумма</translation>
    </message>
    <message>
        <source>Expected close</source>
        <translation>Ожидаемое закрытие</translation>
    </message>
    <message>
        <source>Primary demand</source>
        <translation>Первичный спрос</translation>
    </message>
    <message>
        <source>Loss reason</source>
        <translation>Причина проигрыша</translation>
    </message>
    <message>
        <source>E-mail templates</source>
        <translation>Шаблоны писем</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Тема</translation>
    </message>
    <message>
        <source>Body</source>
        <translation>Текст</translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation>Задачи</translation>
    </message>
    <message>
        <source>Assignee (login)</source>
        <translation>Исполнитель (логин)</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Срок</translation>
    </message>
    <message>
        <source>Interaction</source>
        <translation>Взаимодействие</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Выполнена</translation>
    </message>
    <message>
        <source>Segments</source>
        <translation>Сегменты</translation>
    </message>
    <message>
        <source>Period from</source>
        <translation>Период с</translation>
    </message>
    <message>
        <source>Period to</source>
        <translation>Период по</translation>
    </message>
    <message>
        <source>Revenue at least</source>
        <translation>Выручка не менее</translation>
    </message>
    <message>
        <source>Revenue at most</source>
        <translation>Выручка не более</translation>
    </message>
    <message>
        <source>ABC class</source>
        <translation>Класс ABC</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>Тег</translation>
    </message>
    <message>
        <source>Last purchase on or after</source>
        <translation>Последняя покупка не ранее</translation>
    </message>
    <message>
        <source>Last purchase on or before</source>
        <translation>Последняя покупка не позднее</translation>
    </message>
    <message>
        <source>Individuals</source>
        <translation>Физические лица</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Дата рождения</translation>
    </message>
    <message>
        <source>Departments</source>
        <translation>Подразделения</translation>
    </message>
    <message>
        <source>Positions</source>
        <translation>Должности</translation>
    </message>
    <message>
        <source>Employees</source>
        <translation>Сотрудники</translation>
    </message>
    <message>
        <source>Individual</source>
        <translation>Физическое лицо</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Подразделение</translation>
    </message>
    <message>
        <source>Hire date</source>
        <translation>Дата приёма</translation>
    </message>
    <message>
        <source>Termination date</source>
        <translation>Дата увольнения</translation>
    </message>
    <message>
        <source>Accrual types</source>
        <translation>Виды начислений</translation>
    </message>
    <message>
        <source>Deduction types</source>
        <translation>Виды удержаний</translation>
    </message>
    <message>
        <source>Tax rounding</source>
        <translation>Округление налога</translation>
    </message>
    <message>
        <source>Interactions</source>
        <translation>Взаимодействия</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <source>Contact person</source>
        <translation>Контактное лицо</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>Следующий шаг</translation>
    </message>
    <message>
        <source>Reminder</source>
        <translation>Напоминание</translation>
    </message>
    <message>
        <source>To (e-mail)</source>
        <translation>Кому (e-mail)</translation>
    </message>
    <message>
        <source>E-mail template</source>
        <translation>Шаблон письма</translation>
    </message>
    <message>
        <source>Letter</source>
        <translation>Письмо</translation>
    </message>
    <message>
        <source>Letter status</source>
        <translation>Статус письма</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Отправлено</translation>
    </message>
    <message>
        <source>Sending error</source>
        <translation>Ошибка отправки</translation>
    </message>
    <message>
        <source>Customer claims</source>
        <translation>Претензии клиентов</translation>
    </message>
    <message>
        <source>Responsible (login)</source>
        <translation>Ответственный (логин)</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>Крайний срок</translation>
    </message>
    <message>
        <source>Claim</source>
        <translation>Претензия</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>Решение</translation>
    </message>
    <message>
        <source>Purchase order</source>
        <translation>Заказ поставщику</translation>
    </message>
    <message>
        <source>Expected on</source>
        <translation>Ожидается</translation>
    </message>
    <message>
        <source>Write-off</source>
        <translation>Списание товаров</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Причина</translation>
    </message>
    <message>
        <source>Expense item</source>
        <translation>Статья расходов</translation>
    </message>
    <message>
        <source>Commercial offer</source>
        <translation>Коммерческое предложение</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>Действует до</translation>
    </message>
    <message>
        <source>Sales order</source>
        <translation>Заказ клиента</translation>
    </message>
    <message>
        <source>Deal</source>
        <translation>Сделка</translation>
    </message>
    <message>
        <source>Allocation</source>
        <translation>Распределение оплаты</translation>
    </message>
    <message>
        <source>Deal stage statistics</source>
        <translation>Статистика этапов сделок</translation>
    </message>
    <message>
        <source>Entered</source>
        <translation>Вход</translation>
    </message>
    <message>
        <source>This visit since</source>
        <translation>Текущий заход с</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>Выход</translation>
    </message>
    <message>
        <source>Days in the stage</source>
        <translation>Дней на этапе</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>Посещений</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Результат</translation>
    </message>
    <message>
        <source>Deduction type</source>
        <translation>Вид удержания</translation>
    </message>
    <message>
        <source>Deducted</source>
        <translation>Удержано</translation>
    </message>
    <message>
        <source>payroll</source>
        <translation>зарплата</translation>
    </message>
    <message>
        <source>accrued</source>
        <translation>начислено</translation>
    </message>
    <message>
        <source>deducted</source>
        <translation>удержано</translation>
    </message>
    <message>
        <source>Settlements with employees</source>
        <translation>Расчёты с сотрудниками</translation>
    </message>
    <message>
        <source>Owed</source>
        <translation>Задолженность</translation>
    </message>
    <message>
        <source>settlements with employees</source>
        <translation>расчёты с сотрудниками</translation>
    </message>
    <message>
        <source>owed</source>
        <translation>задолженность</translation>
    </message>
    <message>
        <source>Segment members</source>
        <translation>Состав сегментов</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>Сегмент</translation>
    </message>
    <message>
        <source>Revenue in the period</source>
        <translation>Выручка за период</translation>
    </message>
    <message>
        <source>Last purchase</source>
        <translation>Последняя покупка</translation>
    </message>
    <message>
        <source>Work calendar</source>
        <translation>Производственный календарь</translation>
    </message>
    <message>
        <source>Working day</source>
        <translation>Рабочий день</translation>
    </message>
    <message>
        <source>Working hours</source>
        <translation>Рабочих часов</translation>
    </message>
    <message>
        <source>Employee terms</source>
        <translation>Условия оплаты сотрудников</translation>
    </message>
    <message>
        <source>Salary, rate or amount</source>
        <translation>Оклад, тариф или сумма</translation>
    </message>
    <message>
        <source>Percent</source>
        <translation>Процент</translation>
    </message>
    <message>
        <source>Compute every employee&apos;s accruals and deductions for the month from the terms and the work calendar</source>
        <translation>Рассчитать начисления и удержания каждого сотрудника за месяц по условиям оплаты и производственному календарю</translation>
    </message>
    <message>
        <source>Accruals</source>
        <translation>Начисления</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>Дни</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>Часы</translation>
    </message>
    <message>
        <source>Base</source>
        <translation>База</translation>
    </message>
    <message>
        <source>Deductions</source>
        <translation>Удержания</translation>
    </message>
    <message>
        <source>Net to pay</source>
        <translation>К выплате</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>В работе</translation>
    </message>
    <message>
        <source>Won</source>
        <translation>Выиграна</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation>Проиграна</translation>
    </message>
    <message>
        <source>A</source>
        <translation>A</translation>
    </message>
    <message>
        <source>B</source>
        <translation>B</translation>
    </message>
    <message>
        <source>C</source>
        <translation>C</translation>
    </message>
    <message>
        <source>Monthly salary (prorated by days worked)</source>
        <translation>Оклад (пропорционально отработанным дням)</translation>
    </message>
    <message>
        <source>Hourly pay</source>
        <translation>Почасовая оплата</translation>
    </message>
    <message>
        <source>Fixed bonus</source>
        <translation>Премия суммой</translation>
    </message>
    <message>
        <source>Percentage bonus</source>
        <translation>Премия процентом</translation>
    </message>
    <message>
        <source>To whole roubles</source>
        <translation>До целых рублей</translation>
    </message>
    <message>
        <source>To kopecks</source>
        <translation>До копеек</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>Встреча</translation>
    </message>
    <message>
        <source>Incoming call</source>
        <translation>Входящий звонок</translation>
    </message>
    <message>
        <source>Outgoing call</source>
        <translation>Исходящий звонок</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation>Не отправлено</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Ошибка</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Новая</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Решена</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Отклонена</translation>
    </message>
    <message>
        <source>Customer debts by age</source>
        <translation>Долги клиентов по срокам</translation>
    </message>
    <message>
        <source>Supplier debts by age</source>
        <translation>Долги поставщикам по срокам</translation>
    </message>
    <message>
        <source>Orders to ship</source>
        <translation>Заказы к отгрузке</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Документ</translation>
    </message>
    <message>
        <source>Not due</source>
        <translation>Срок не наступил</translation>
    </message>
    <message>
        <source>0–30 days</source>
        <translation>0–30 дней</translation>
    </message>
    <message>
        <source>31–60 days</source>
        <translation>31–60 дней</translation>
    </message>
    <message>
        <source>61–90 days</source>
        <translation>61–90 дней</translation>
    </message>
    <message>
        <source>Over 90 days</source>
        <translation>Более 90 дней</translation>
    </message>
    <message>
        <source>Advance</source>
        <translation>Аванс</translation>
    </message>
    <message>
        <source>Ordered</source>
        <translation>Заказано</translation>
    </message>
    <message>
        <source>Reserved</source>
        <translation>Зарезервировано</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>Отгружено</translation>
    </message>
    <message>
        <source>Still to ship</source>
        <translation>Осталось отгрузить</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Оплачено</translation>
    </message>
    <message>
        <source>Margin</source>
        <translation>Валовая прибыль</translation>
    </message>
    <message>
        <source>Margin, %</source>
        <translation>Рентабельность, %</translation>
    </message>
    <message>
        <source>Counterparty</source>
        <translation>Контрагент</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Shipment date</source>
        <translation>Дата отгрузки</translation>
    </message>
    <message>
        <source>Sales shipment</source>
        <translation>Реализация товаров</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Покупатель</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Черновик</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>Подтверждён</translation>
    </message>
    <message>
        <source>Not approved</source>
        <translation>Не согласован</translation>
    </message>
    <message>
        <source>To supply</source>
        <translation>К обеспечению</translation>
    </message>
    <message>
        <source>To ship</source>
        <translation>К отгрузке</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Закрыт</translation>
    </message>
    <message>
        <source>Bank transfer</source>
        <translation>Безналичная оплата</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>Наличные</translation>
    </message>
    <message>
        <source>Stock transfer</source>
        <translation>Перемещение товаров</translation>
    </message>
    <message>
        <source>From warehouse</source>
        <translation>Склад-отправитель</translation>
    </message>
    <message>
        <source>To warehouse</source>
        <translation>Склад-получатель</translation>
    </message>
    <message>
        <source>Stock count</source>
        <translation>Инвентаризация</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Заказ</translation>
    </message>
    <message>
        <source>Sales return</source>
        <translation>Возврат от клиента</translation>
    </message>
    <message>
        <source>Shipment</source>
        <translation>Отгрузка</translation>
    </message>
    <message>
        <source>Customer payment</source>
        <translation>Оплата от клиента</translation>
    </message>
    <message>
        <source>Paid by</source>
        <translation>Способ оплаты</translation>
    </message>
    <message>
        <source>Fill from book balances</source>
        <translation>Заполнить по учётным остаткам</translation>
    </message>
    <message>
        <source>Fill the lines with the warehouse&apos;s stock balances at the document&apos;s date</source>
        <translation>Заполнить строки остатками склада на дату документа</translation>
    </message>
    <message>
        <source>Book quantity</source>
        <translation>Количество по учёту</translation>
    </message>
    <message>
        <source>Counted quantity</source>
        <translation>Количество фактическое</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>Отклонение</translation>
    </message>
    <message>
        <source>Discount, %</source>
        <translation>Скидка, %</translation>
    </message>
    <message>
        <source>Opening stock balances</source>
        <translation>Ввод начальных остатков товаров</translation>
    </message>
    <message>
        <source>Supplier payment</source>
        <translation>Оплата поставщику</translation>
    </message>
    <message>
        <source>Payroll sheet</source>
        <translation>Начисление зарплаты</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>Месяц</translation>
    </message>
    <message>
        <source>Salary payment</source>
        <translation>Выплата зарплаты</translation>
    </message>
    <message>
        <source>Logo</source>
        <translation>Логотип</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>Участники</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Пользователь</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Роль</translation>
    </message>
    <message>
        <source>Competitor</source>
        <translation>Конкурент</translation>
    </message>
    <message>
        <source>Their offer</source>
        <translation>Их предложение</translation>
    </message>
    <message>
        <source>Their price</source>
        <translation>Их цена</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Заметки</translation>
    </message>
    <message>
        <source>User (login)</source>
        <translation>Пользователь (логин)</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Примечание</translation>
    </message>
    <message>
        <source>Claimed goods</source>
        <translation>Товары по претензии</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Проблема</translation>
    </message>
    <message>
        <source>Fill by reorder suggestions</source>
        <translation>Заполнить по рекомендациям к заказу</translation>
    </message>
    <message>
        <source>Fill the lines with the products below their minimum stock at the warehouse (on hand + expected − reserved), ordering the difference</source>
        <translation>Заполнить строки товарами ниже минимального остатка на складе (в наличии + ожидается − в резерве), заказывая недостающее количество</translation>
    </message>
    <message>
        <source>VAT, %</source>
        <translation>НДС, %</translation>
    </message>
    <message>
        <source>VAT</source>
        <translation>НДС</translation>
    </message>
    <message>
        <source>Reserve</source>
        <translation>Резерв</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Отменена</translation>
    </message>
    <message>
        <source>Cancellation reason</source>
        <translation>Причина отмены</translation>
    </message>
    <message>
        <source>Fill</source>
        <translation>Заполнить</translation>
    </message>
    <message>
        <source>Employee</source>
        <translation>Сотрудник</translation>
    </message>
    <message>
        <source>Accrual type</source>
        <translation>Вид начисления</translation>
    </message>
    <message>
        <source>Salary or rate</source>
        <translation>Оклад или тариф</translation>
    </message>
    <message>
        <source>Accrued</source>
        <translation>Начислено</translation>
    </message>
    <message>
        <source>Income tax</source>
        <translation>НДФЛ</translation>
    </message>
    <message>
        <source>Other deduction</source>
        <translation>Прочее удержание</translation>
    </message>
    <message>
        <source>Fill owed</source>
        <translation>Заполнить задолженность</translation>
    </message>
    <message>
        <source>List every employee who is owed, with the amount owed</source>
        <translation>Перечислить сотрудников, которым причитается оплата, с суммой долга</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>Товары на складах</translation>
    </message>
    <message>
        <source>vat</source>
        <translation>ндс</translation>
    </message>
    <message>
        <source>Goods expected</source>
        <translation>Товары к поступлению</translation>
    </message>
    <message>
        <source>goods expected</source>
        <translation>товаров к поступлению</translation>
    </message>
    <message>
        <source>Supplier settlements</source>
        <translation>Расчёты с поставщиками</translation>
    </message>
    <message>
        <source>supplier settlements</source>
        <translation>расчётов с поставщиками</translation>
    </message>
    <message>
        <source>Purchases</source>
        <translation>Закупки</translation>
    </message>
    <message>
        <source>Amount excl. VAT</source>
        <translation>Сумма без НДС</translation>
    </message>
    <message>
        <source>purchases</source>
        <translation>закупок</translation>
    </message>
    <message>
        <source>amount excl. vat</source>
        <translation>суммы без НДС</translation>
    </message>
    <message>
        <source>Customer orders</source>
        <translation>Заказы клиентов</translation>
    </message>
    <message>
        <source>Quantity to ship</source>
        <translation>Осталось отгрузить</translation>
    </message>
    <message>
        <source>Amount to pay</source>
        <translation>Осталось оплатить</translation>
    </message>
    <message>
        <source>customer orders</source>
        <translation>заказов клиентов</translation>
    </message>
    <message>
        <source>quantity to ship</source>
        <translation>осталось отгрузить</translation>
    </message>
    <message>
        <source>amount to pay</source>
        <translation>осталось оплатить</translation>
    </message>
    <message>
        <source>Reserves</source>
        <translation>Резервы</translation>
    </message>
    <message>
        <source>Quantity reserved</source>
        <translation>В резерве</translation>
    </message>
    <message>
        <source>reserves</source>
        <translation>резервов</translation>
    </message>
    <message>
        <source>quantity reserved</source>
        <translation>в резерве</translation>
    </message>
    <message>
        <source>Free stock</source>
        <translation>Свободный остаток</translation>
    </message>
    <message>
        <source>free stock</source>
        <translation>свободного остатка</translation>
    </message>
    <message>
        <source>Customer settlements</source>
        <translation>Расчёты с клиентами</translation>
    </message>
    <message>
        <source>Debt</source>
        <translation>Долг</translation>
    </message>
    <message>
        <source>customer settlements</source>
        <translation>расчётов с клиентами</translation>
    </message>
    <message>
        <source>debt</source>
        <translation>долг</translation>
    </message>
    <message>
        <source>Shortage</source>
        <translation>Недостача</translation>
    </message>
    <message>
        <source>Spoilage</source>
        <translation>Порча</translation>
    </message>
    <message>
        <source>Internal use</source>
        <translation>Собственные нужды</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Номенклатура</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Количество</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Сумма</translation>
    </message>
    <message>
        <source>Goods</source>
        <translation>Товары</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Себестоимость</translation>
    </message>
    <message>
        <source>stock</source>
        <translation>остатков товаров</translation>
    </message>
    <message>
        <source>quantity</source>
        <translation>количество</translation>
    </message>
    <message>
        <source>cost</source>
        <translation>себестоимость</translation>
    </message>
    <message>
        <source>sales</source>
        <translation>продаж</translation>
    </message>
    <message>
        <source>amount</source>
        <translation>сумма</translation>
    </message>
    <message>
        <source>Expenses</source>
        <translation>Расходы</translation>
    </message>
    <message>
        <source>expenses</source>
        <translation>расходы</translation>
    </message>
    <message>
        <source>Prices</source>
        <translation>Цены</translation>
    </message>
    <message>
        <source>Price type</source>
        <translation>Вид цены</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Юридическое лицо</translation>
    </message>
    <message>
        <source>Sole entrepreneur</source>
        <translation>Индивидуальный предприниматель</translation>
    </message>
    <message>
        <source>Private person</source>
        <translation>Физическое лицо</translation>
    </message>
    <message>
        <source>Not posted</source>
        <translation>Не проведён</translation>
    </message>
</context>
</TS>
