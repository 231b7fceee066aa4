package org.ruraledu.streams.dropout;

/** Why a dropout case was opened. */
public enum OpeningCause {
    /** The school recorded the pupil as dropped out (辍学). */
    DROPPED_OUT,
    /** Unexcused absence reached the threshold of consecutive school days. */
    ABSENCE_STREAK
}
