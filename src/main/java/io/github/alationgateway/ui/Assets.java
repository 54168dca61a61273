package io.github.alationgateway.ui;

import java.util.Map;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The dashboard's stylesheet, script and icon, from the jar. Served by name from a fixed list rather than by
 * Boot's static handler, so that every other address under /ui/ reaches the dashboard's own 404 page.
 */
@Controller
class Assets {

    private static final Map<String, MediaType> FILES = Map.of(
            "dashboard.css", MediaType.valueOf("text/css"),
            "dashboard.js", MediaType.valueOf("text/javascript"),
            "icon.svg", MediaType.valueOf("image/svg+xml"));

    @GetMapping("/ui/assets/{name}")
    ResponseEntity<Resource> asset(@PathVariable String name) {
        MediaType type = FILES.get(name);
        if (type == null) return ResponseEntity.notFound().build();
        return ResponseEntity.ok()
                .contentType(type)
                .cacheControl(CacheControl.noCache())
                .body(new ClassPathResource("dashboard/" + name));
    }
}
