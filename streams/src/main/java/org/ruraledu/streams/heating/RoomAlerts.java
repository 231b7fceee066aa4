package org.ruraledu.streams.heating;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.ruraledu.contract.Alert.Severity;
import org.ruraledu.contract.AlertType;
import org.ruraledu.records.RecordRules;
import org.ruraledu.streams.alert.AlertCondition;
import org.ruraledu.streams.alert.AlertDraft;
import org.ruraledu.streams.alert.Where;

/**
 * The words of a room's HEATING_OUT_OF_RANGE: one {@link AlertCondition} per {@link Change}. The subject is the
 * room and the day its episode began ({@code schoolId:roomId:2026-12-01}), so that every condition's key carries
 * a day, as the lifecycle's retention asks; the episode keeps that subject for its whole life (kept in the room's
 * state), however long it lasts.
 */
final class RoomAlerts {
    /** What the alert reports: the room's temperature against the limit of the season. */
    static final String METRIC = "heating.room_temperature_c";
    private static final String ITEM_ZH = "（重点项目清单第12项：取暖消暑）";
    private static final String ITEM_EN = " (key-project list item 12: classroom heating and cooling)";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private RoomAlerts() {}

    static AlertCondition condition(Change change, String schoolId, String roomId, int silenceDays) {
        OpenAlert a = change.alert();
        String subject = schoolId + ":" + roomId + ":" + day(a.anchor());
        Where where = Where.of(a.schoolName(), a.district());
        String limit = celsius(a.limitC());
        String temperature = celsius(change.temperatureC());
        boolean heating = a.season() == Judgment.Season.HEATING;
        String standardZh = (heating ? "低于取暖标准" : "高于消暑标准") + limit + "°C";
        String standardEn = (heating ? "below the heating standard of " : "above the cooling standard of ") + limit
                + " °C";
        String since = time(a.anchor());
        String at = time(change.at());
        AlertDraft draft = AlertDraft.of(AlertType.HEATING_OUT_OF_RANGE,
                        a.critical() ? Severity.CRITICAL : Severity.WARNING, a.district())
                .school(schoolId)
                .periodStart(day(a.anchor()))
                .metric(METRIC, change.temperatureC(), a.limitC(), null);
        return switch (change.kind()) {
            case OPEN, ESCALATE -> {
                String out = span(change.at() - a.anchor());
                yield AlertCondition.holding(subject, draft.message(
                        (a.critical() ? "教室温度严重超标：" : "教室温度超标：") + where.zh() + "教室" + roomId + "自" + since
                                + "起室温" + standardZh + "已" + zh(out)
                                + "，" + at + "为" + temperature + "°C" + ITEM_ZH,
                        (a.critical() ? "Classroom temperature critically out of range: room "
                                : "Classroom temperature out of range: room ") + roomId + " of " + where.en()
                                + " has been " + standardEn + " for " + out + " since " + since + "; "
                                + temperature + " °C at " + at + ITEM_EN + ".")
                        .build());
            }
            case RESOLVE -> {
                String out = span(change.runStart() - a.anchor());
                String back = span(change.at() - change.runStart());
                yield AlertCondition.cleared(subject, draft.message(
                        "教室温度已恢复：" + where.zh() + "教室" + roomId + "自" + since + "起室温" + standardZh + "，历时"
                                + zh(out) + "；自" + time(change.runStart()) + "起恢复达标已" + zh(back) + "，" + at + "为"
                                + temperature + "°C" + ITEM_ZH,
                        "Classroom temperature back in range: room " + roomId + " of " + where.en() + " was "
                                + standardEn + " from " + since + " for " + out + " and has been within it for "
                                + back + " since " + time(change.runStart()) + "; " + temperature + " °C at " + at
                                + ITEM_EN + ".")
                        .build());
            }
            case FORGET -> AlertCondition.cleared(subject, draft.message(
                    "教室温度超标预警自动关闭：" + where.zh() + "教室" + roomId + "自" + since + "起室温" + standardZh
                            + "；自" + at + "起" + silenceDays + "天无计入的读数（非上课时间、非取暖或消暑季，或传感器无数据），"
                            + "无法判断是否恢复" + ITEM_ZH,
                    "Classroom temperature alert closed: room " + roomId + " of " + where.en() + " was "
                            + standardEn + " since " + since + " and has sent no counted reading for " + silenceDays
                            + " days since " + at + " (out of school hours or season, or the sensor is silent),"
                            + " so whether it recovered is unknown" + ITEM_EN + ".")
                    .build());
        };
    }

    /** "20 min", "2 h 05 min". */
    static String span(long millis) {
        Duration d = Duration.ofMillis(Math.max(0, millis));
        long minutes = d.toMinutes();
        return minutes < 60 ? minutes + " min" : minutes / 60 + " h " + String.format("%02d", minutes % 60) + " min";
    }

    private static String zh(String span) {
        return span.replace(" min", "分钟").replace(" h ", "小时");
    }

    private static String celsius(double t) {
        return String.format(java.util.Locale.ROOT, "%.1f", t);
    }

    private static LocalDate day(long millis) {
        return LocalDate.ofInstant(Instant.ofEpochMilli(millis), RecordRules.ZONE);
    }

    private static String time(long millis) {
        return LocalDateTime.ofInstant(Instant.ofEpochMilli(millis), RecordRules.ZONE).format(TIME);
    }
}
