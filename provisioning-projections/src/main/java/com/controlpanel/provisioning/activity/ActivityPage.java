package com.controlpanel.provisioning.activity;

import java.util.List;

/** One page of Activity > Actions; {@code nextCursor} asks for the older rows that follow, null at the end. */
public record ActivityPage(List<ActivityRow> items, Long nextCursor) {}
