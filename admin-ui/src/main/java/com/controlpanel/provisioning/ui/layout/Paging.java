package com.controlpanel.provisioning.ui.layout;

/** Where a page of a list is: "21–40 of 95", and the offsets of the pages before and after it. */
public record Paging(long total, int offset, int size, int shown) {

    public int first() {
        return shown == 0 ? 0 : offset + 1;
    }

    public int last() {
        return offset + shown;
    }

    public boolean hasPrevious() {
        return offset > 0;
    }

    public boolean hasNext() {
        return offset + shown < total;
    }

    public int previousOffset() {
        return Math.max(0, offset - size);
    }

    public int nextOffset() {
        return offset + size;
    }

    /** The number of this page, from 1. */
    public int page() {
        return offset / size + 1;
    }

    /** How many pages the list has. */
    public long pages() {
        return Math.max(1, (total + size - 1) / size);
    }

    public boolean needed() {
        return !pastTheEnd() && (hasPrevious() || hasNext());
    }

    /** A page after the last one (an old link, or an offset typed into the address): the list itself is not empty. */
    public boolean pastTheEnd() {
        return shown == 0 && total > 0 && offset > 0;
    }

    /** The offset of the list's last page. */
    public int lastOffset() {
        return total == 0 ? 0 : (int) ((total - 1) / size * size);
    }

    /**
     * A requested offset, kept within a sane maximum (past the end, the page says so); a negative one is no page's and
     * a {@link BadLink}, as {@code offset=abc} is.
     */
    public static int offset(Integer requested) {
        if (requested != null && requested < 0) {
            throw new BadLink();
        }
        return requested == null ? 0 : Math.min(requested, 1_000_000);
    }
}
