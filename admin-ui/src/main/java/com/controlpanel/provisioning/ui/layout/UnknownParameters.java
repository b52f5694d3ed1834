package com.controlpanel.provisioning.ui.layout;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Refuses, as a {@link BadLink}, a query parameter that a page marked {@link ItsParametersOnly} does not read. The
 * names it reads are those of its {@link RequestParam} arguments and the components of its {@link ModelAttribute}
 * records (the Activity filters), as the framework binds them: a name differing in case is another name.
 */
@Configuration(proxyBeanMethods = false)
public class UnknownParameters implements WebMvcConfigurer, HandlerInterceptor {

    private static final ParameterNameDiscoverer NAMES = new DefaultParameterNameDiscoverer();

    /** The names each marked page reads, found once per handler method. */
    private final Map<Method, Set<String>> read = new ConcurrentHashMap<>();

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/orgs/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method) || !method.hasMethodAnnotation(ItsParametersOnly.class)) {
            return true;
        }
        Set<String> names = read.computeIfAbsent(method.getMethod(), ignored -> namesRead(method));
        for (String name : request.getParameterMap().keySet()) {
            if (!names.contains(name)) {
                throw new BadLink();
            }
        }
        return true;
    }

    static Set<String> namesRead(HandlerMethod method) {
        Set<String> names = new TreeSet<>();
        for (MethodParameter parameter : method.getMethodParameters()) {
            RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
            if (param != null) {
                names.add(name(parameter, param));
            } else if (parameter.hasParameterAnnotation(ModelAttribute.class)
                    && parameter.getParameterType().isRecord()) {
                for (RecordComponent component : parameter.getParameterType().getRecordComponents()) {
                    names.add(component.getName());
                }
            }
        }
        ItsParametersOnly marked = method.getMethodAnnotation(ItsParametersOnly.class);
        if (marked != null) {
            names.removeAll(Arrays.asList(marked.notRead()));
        }
        return Set.copyOf(names);
    }

    /** As the framework names it: its annotation's {@code name} or {@code value} (aliases), else the argument's name. */
    private static String name(MethodParameter parameter, RequestParam param) {
        parameter.initParameterNameDiscovery(NAMES);
        return param.name().isEmpty() ? parameter.getParameterName() : param.name();
    }
}
