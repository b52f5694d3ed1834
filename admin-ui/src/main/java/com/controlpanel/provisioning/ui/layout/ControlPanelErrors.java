package com.controlpanel.provisioning.ui.layout;

import com.controlpanel.provisioning.application.Causes;
import com.controlpanel.provisioning.domain.api.DomainException;
import com.controlpanel.provisioning.domain.api.ErrorCode;
import com.controlpanel.provisioning.storage.DatabaseFailures;
import com.controlpanel.provisioning.storage.OutageLog;
import com.controlpanel.provisioning.ui.RequestIds;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * A failure in a Control Panel page becomes a page of the Control Panel: not found, not allowed, a bad link, or our own failure
 * with the request id to quote; never a stack trace. (Errors outside the controllers reach {@code error.html}.)
 */
@ControllerAdvice(basePackages = "com.controlpanel.provisioning.ui")
public class ControlPanelErrors {

    /** The title of the page shown while the database is out of reach, here and where a session can not be read. */
    public static final String OUT_OF_REACH = "The Control Panel can not reach its database";

    /** What that page tells the admin to do. */
    public static final String OUT_OF_REACH_ADVICE =
            "Try again in a moment. If you were saving a change, look whether it was saved before you repeat it.";

    private static final Logger log = LoggerFactory.getLogger(ControlPanelErrors.class);

    private final RequestIds requestIds;

    public ControlPanelErrors(RequestIds requestIds) {
        this.requestIds = requestIds;
    }

    @ExceptionHandler(PageNotFound.class)
    ModelAndView notFound(PageNotFound e, HttpServletRequest request, HttpServletResponse response) {
        return e.what()
                .flatMap(what -> backFromGone(request, what))
                .orElseGet(() -> page(HttpStatus.NOT_FOUND, "Not found", e.getMessage(), request, response));
    }

    /** A form's page names a member or team at an address like this: the organization, the section, the id. */
    private static final Pattern FORM_OF_ONE = Pattern.compile("^(/orgs/[^/]+)/(members|teams)/([^/]+)/?.*$");

    /**
     * A form sent from a page of a member or team deleted since it was shown (in another tab, by another admin, by
     * Okta): nothing was done, and rather than a bare "not found" the admin is taken back to where that member or team
     * was listed, told so: the team list for a team, the member list for a member, the team's page for a member its
     * page named. Only for a form sent by the browser (not a link, nor a page's part fetched by htmx).
     */
    private static Optional<ModelAndView> backFromGone(HttpServletRequest request, String what) {
        if (!"POST".equals(request.getMethod()) || "true".equals(request.getHeader("HX-Request"))) {
            return Optional.empty();
        }
        Matcher form = FORM_OF_ONE.matcher(
                request.getRequestURI().substring(request.getContextPath().length()));
        if (!form.matches()) {
            return Optional.empty();
        }
        String back = what.equals("team") || form.group(2).equals("members")
                ? form.group(1) + "/" + (what.equals("team") ? "teams" : "members")
                : form.group(1) + "/teams/" + form.group(3);
        RequestContextUtils.getOutputFlashMap(request).put(Flash.ALERT, Flash.goneMeanwhile(what));
        return Optional.of(new ModelAndView("redirect:" + back));
    }

    @ExceptionHandler(NotAllowed.class)
    ModelAndView notAllowed(NotAllowed e, HttpServletRequest request, HttpServletResponse response) {
        return page(HttpStatus.FORBIDDEN, "Not allowed", e.getMessage(), request, response);
    }

    @ExceptionHandler({
        MethodArgumentTypeMismatchException.class,
        MissingServletRequestParameterException.class,
        BadLink.class
    })
    ModelAndView badLink(Exception e, HttpServletRequest request, HttpServletResponse response) {
        return page(
                HttpStatus.BAD_REQUEST,
                "This link is not right",
                "The address is incomplete or has a value we cannot read.",
                request,
                response);
    }

    /** The browser went away (a live stream's page was closed): there is nobody to answer. */
    @ExceptionHandler(AsyncRequestNotUsableException.class)
    void clientGone(AsyncRequestNotUsableException e) {
        log.debug("Control Panel client disconnected: {}", e.getMessage());
    }

    @ExceptionHandler(Exception.class)
    ModelAndView failure(Exception e, HttpServletRequest request, HttpServletResponse response) throws Exception {
        var gone = Causes.find(e, AsyncRequestNotUsableException.class);
        if (gone.isPresent()) {
            // a browser gone, whatever wrapped it on the way (an export's writer): nobody to answer
            clientGone(gone.get());
            return new ModelAndView();
        }
        var refusal = Refusals.domainCause(e);
        if (refusal.isPresent() && refusal.get().errorCode().kind() == ErrorCode.Kind.NOT_FOUND) {
            ErrorCode code = refusal.get().errorCode();
            if (code == ErrorCode.MEMBER_NOT_FOUND || code == ErrorCode.TEAM_NOT_FOUND) {
                // deleted between the form's page read and the command
                Optional<ModelAndView> back =
                        backFromGone(request, code == ErrorCode.TEAM_NOT_FOUND ? "team" : "member");
                if (back.isPresent()) {
                    return back.get();
                }
            }
            return page(HttpStatus.NOT_FOUND, "Not found", notFoundMessage(refusal.get()), request, response);
        }
        if (e instanceof org.springframework.web.ErrorResponse) {
            // Spring's own HTTP errors (method not allowed, no such route): let the error page render them
            throw e;
        }
        if (Refusals.writesInFlight(e)) {
            return tryAgainSoon(
                    "That moment is still being saved",
                    "A change of the organization begun by then is still being saved, so its state then is not"
                            + " final yet. Try again in a moment.",
                    request,
                    response);
        }
        if (Refusals.writesHeld(e)) {
            return tryAgainSoon(
                    "Changes are paused for a moment",
                    "A rebuild of the read models is switching them. Nothing was changed: try again in a moment.",
                    request,
                    response);
        }
        if (DatabaseFailures.unavailable(e)) {
            OutageLog.SHARED.unavailable(
                    log, "Control Panel request " + requestIds.idOf(request) + ": the database is out of reach", e);
            return tryAgainSoon(OUT_OF_REACH, OUT_OF_REACH_ADVICE, request, response);
        }
        log.error("Control Panel request {} failed", requestIds.idOf(request), e);
        return page(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "Something went wrong on our side",
                "Nothing was changed. Try again; if it keeps failing, quote request id " + requestIds.idOf(request)
                        + ".",
                request,
                response);
    }

    /** 503 with {@code Retry-After}: nothing is wrong with what was asked, only with this moment. */
    private ModelAndView tryAgainSoon(
            String title, String message, HttpServletRequest request, HttpServletResponse response) {
        response.setHeader(HttpHeaders.RETRY_AFTER, "1");
        return page(HttpStatus.SERVICE_UNAVAILABLE, title, message, request, response);
    }

    private static String notFoundMessage(DomainException refusal) {
        return switch (refusal.errorCode()) {
            case MEMBER_NOT_FOUND -> PageNotFound.MEMBER;
            case TEAM_NOT_FOUND -> PageNotFound.TEAM;
            default -> "This organization does not exist, or you do not manage it.";
        };
    }

    private ModelAndView page(
            HttpStatus status, String title, String message, HttpServletRequest request, HttpServletResponse response) {
        response.setStatus(status.value());
        ModelAndView page = new ModelAndView("error");
        page.setStatus(status);
        page.addObject("status", status.value());
        page.addObject("error", title);
        page.addObject("message", message);
        page.addObject("requestId", requestIds.idOf(request));
        return page;
    }
}
