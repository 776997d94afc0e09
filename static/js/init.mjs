// Loaded as an ES module from base.html. There are no inline scripts: the Content Security
// Policy forbids them. Browsers that do not support modules never run this file, and so keep
// the no-JavaScript version of every component.
import { initAll } from '../govuk/govuk-frontend.min.js'

document.body.classList.add('js-enabled', 'govuk-frontend-supported')
initAll()
