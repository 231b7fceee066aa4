package org.ruraledu.streams.dropout;

/** How a dropout case ended. */
public enum Closure {
    /** The child is back in school (劝返成功): recorded as returned, or attending again. */
    RETURNED,
    /** A verified transfer to another school: the child is not out of school, but did not return here. */
    TRANSFERRED
}
