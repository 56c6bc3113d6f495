// typedoc names a module after its file (index, sources/splunk); readers import it by its package path
// (logsift, logsift/splunk), so the site uses those names.
import { Converter, ReflectionKind } from 'typedoc';

const NAMES = {
  index: 'logsift',
  'sources/splunk': 'logsift/splunk',
  'sources/elastic': 'logsift/elastic',
  'sources/sumo': 'logsift/sumo',
  'sources/loki': 'logsift/loki',
};

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    for (const mod of context.project.getReflectionsByKind(ReflectionKind.Module)) {
      if (Object.hasOwn(NAMES, mod.name)) mod.name = NAMES[mod.name];
    }
  });
}
