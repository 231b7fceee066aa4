package org.ruraledu.bench;

/** Numbers as a reader wants them: thousands separated, as many decimals as the unit deserves. */
final class Format {
    private Format() {}

    static String value(Figure f) {
        return value(f.value(), f.unit());
    }

    static String value(double v, String unit) {
        if (!Double.isFinite(v)) {
            return "n/a";
        }
        return switch (unit) {
            case "x" -> v >= 10 ? String.format("%.1f", v) : String.format("%.3f", v);
            case "s" -> String.format("%.2f", v);
            case "MiB" -> String.format("%.1f", v);
            default -> String.format("%,.0f", v);
        };
    }

    static String withUnit(Figure f) {
        String v = value(f);
        return v.equals("n/a") ? v : v + " " + f.unit();
    }
}
