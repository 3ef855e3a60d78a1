import { ChatPromptTemplate, JsonOutputParser, StringOutputParser } from 'rxchain';
import { ScriptedChatModel } from 'rxchain/testing';

/** The joke the scripted model tells about `topic`. */
export function scriptedJoke(topic: string): string {
  return `Why did the ${topic} subscribe twice? Because the first joke was cold!`;
}

/** What the countries chain streams, one partial object at a time. */
export interface CountryList {
  countries?: { name?: string; population?: number }[];
}

/** The JSON the scripted model writes for the countries prompt. */
export const scriptedCountries: CountryList = {
  countries: [
    { name: 'France', population: 68170000 },
    { name: 'Spain', population: 48590000 },
    { name: 'Portugal', population: 10640000 },
  ],
};

// #region chains
// No key and no network: a scripted model that streams its reply word by word, 50 ms
// apart. Any BaseChatModel fits here, but an API key has no place in a browser bundle:
// call a model from the browser through your own server (see remote-joke.ts).
const model = new ScriptedChatModel({
  delay: 50,
  responses: (messages) => {
    const prompt = messages.map((message) => message.text).join('\n');
    const topic = /joke about (.+)$/m.exec(prompt)?.[1];
    return topic !== undefined ? scriptedJoke(topic) : JSON.stringify(scriptedCountries, null, 2);
  },
});

/** `{ topic }` → the joke, token by token. */
export const jokeChain = ChatPromptTemplate.fromTemplate('Tell me a joke about {topic}')
  .pipe(model)
  .pipe(new StringOutputParser());

/** `{ continent }` → a `CountryList` that grows as the model writes its JSON. */
export const countriesChain = ChatPromptTemplate.fromTemplate(
  'List the countries of {continent} and their populations in JSON: {{"countries": [{{"name": ..., "population": ...}}]}}',
)
  .pipe(model)
  .pipe(new JsonOutputParser<CountryList>());
// #endregion
