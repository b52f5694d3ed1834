package com.controlpanel.provisioning.rest;

import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.web.bind.annotation.RequestParam;

/** The query parameter a handler's argument is read from, named as the framework's argument resolvers name it. */
final class QueryParameters {

    private static final ParameterNameDiscoverer NAMES = new DefaultParameterNameDiscoverer();

    private QueryParameters() {}

    /** The parameter's name, or null when the argument is not a {@link RequestParam}. */
    static String name(MethodParameter parameter) {
        RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
        if (param == null) {
            return null;
        }
        if (!param.name().isEmpty()) {
            return param.name();
        }
        if (!param.value().isEmpty()) {
            return param.value();
        }
        // as the argument resolvers do before they read a name: until one has, the name is not known
        parameter.initParameterNameDiscovery(NAMES);
        return parameter.getParameterName();
    }
}
